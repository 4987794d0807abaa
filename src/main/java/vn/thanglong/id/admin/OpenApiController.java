package vn.thanglong.id.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI 3.1 document of the admin API, hand-written in {@code admin/openapi.json} (no
 * generator dependency), with the realm's base path as its server. Public: it describes the
 * API, not any data.
 */
@RestController
final class OpenApiController {

	private final String document;

	OpenApiController() {
		try (InputStream in = new ClassPathResource("admin/openapi.json").getInputStream()) {
			this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("admin/openapi.json is missing from the build", ex);
		}
	}

	@GetMapping(path = "/realms/{realm}/admin/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> openApi(@PathVariable String realm) {
		// the realm exists: unknown realms are answered 404 before any controller
		return ResponseEntity.ok().cacheControl(CacheControl.noCache())
			.body(this.document.replace("{{realm}}", realm));
	}

}
