package vn.thanglong.id.identity;

import org.jspecify.annotations.Nullable;

/** A postal address, with the members of the OIDC {@code address} claim (OIDC Core section 5.1.1). */
public record Address(@Nullable String formatted, @Nullable String streetAddress, @Nullable String locality,
		@Nullable String region, @Nullable String postalCode, @Nullable String country) {
}
