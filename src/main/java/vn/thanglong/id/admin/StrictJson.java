package vn.thanglong.id.admin;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * A JSON document that names a member twice is malformed (RFC 8259 section 4: names SHOULD be
 * unique, and receivers disagree on which one counts). Jackson lets the last one win, so
 * {@code {"adminUnit": "H26.01", "adminUnit": null}} would pass one reading and mean another to
 * a proxy or a log reader that keeps the first. Every body the shared mapper reads (the admin
 * API's) with a repeated member is refused as malformed; SCIM reads its bodies the same way
 * ({@code ScimJson}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

	@Bean
	JsonMapperBuilderCustomizer duplicateMembersAreMalformed() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

}
