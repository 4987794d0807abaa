package vn.thanglong.id.scim;

/**
 * Where a realm's SCIM resources live (RFC 7644 section 3.1, {@code meta.location}).
 *
 * @param base {@code {base}/realms/{realm}/scim/v2}
 */
record ScimLocations(String base) {

	String of(String type, String id) {
		return this.base + "/" + type + "/" + id;
	}

}
