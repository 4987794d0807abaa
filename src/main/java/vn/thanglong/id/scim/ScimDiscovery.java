package vn.thanglong.id.scim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;

/**
 * The service provider's configuration, resource types and schemas (RFC 7644 section 4;
 * RFC 7643 sections 5 to 7), from {@code scim/discovery.json}, with each {@code meta} added for
 * the realm being asked.
 */
final class ScimDiscovery {

	private final ObjectNode document;

	ScimDiscovery() {
		try (InputStream in = ScimDiscovery.class.getResourceAsStream("/scim/discovery.json")) {
			if (in == null) {
				throw new IllegalStateException("scim/discovery.json is missing from the class path");
			}
			this.document = (ObjectNode) JsonUtils.getObjectReader().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ObjectNode serviceProviderConfig(ScimLocations locations) {
		ObjectNode config = this.document.get("serviceProviderConfig").deepCopy();
		// what the listing caps count at, from the one constant, so that the two cannot drift apart
		((ObjectNode) config.get("filter")).put("maxResults", ScimListing.MAX_COUNT);
		meta(config, "ServiceProviderConfig", locations.base() + "/ServiceProviderConfig");
		return config;
	}

	List<ObjectNode> resourceTypes(ScimLocations locations) {
		return withMeta("resourceTypes", "ResourceType", locations.base() + "/ResourceTypes/");
	}

	List<ObjectNode> schemas(ScimLocations locations) {
		return withMeta("schemas", "Schema", locations.base() + "/Schemas/");
	}

	private List<ObjectNode> withMeta(String member, String resourceType, String prefix) {
		List<ObjectNode> items = new ArrayList<>();
		for (JsonNode item : this.document.get(member)) {
			ObjectNode copy = item.deepCopy();
			meta(copy, resourceType, prefix + copy.get("id").asText());
			items.add(copy);
		}
		return items;
	}

	private static void meta(ObjectNode node, String resourceType, String location) {
		node.putObject("meta").put("resourceType", resourceType).put("location", location);
	}

}
