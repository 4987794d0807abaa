package vn.thanglong.id.admin;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import vn.thanglong.id.admin.AdminViews.PageView;
import vn.thanglong.id.admin.ClientRegistrations.Registration;
import vn.thanglong.id.realm.StoredClient;

/**
 * The realm's clients (agency systems), for realm administrators only: a unit administrator
 * could otherwise register a client without {@code adminUnit} and so escape its subtree. A
 * client is shown in the shape of a realm-config client file plus what the server adds; its
 * secret never, except once in the answer of the write that generated it.
 */
@RestController
@RequestMapping("/realms/{realm}/admin/api/clients")
final class ClientsController {

	static final int MAX_PAGE = 100;

	/** RFC 7396 section 4. */
	static final String MERGE_PATCH = "application/merge-patch+json";

	private final ClientRegistrations registrations;

	private final DelegatedAdministration delegation;

	ClientsController(ClientRegistrations registrations, DelegatedAdministration delegation) {
		this.registrations = Objects.requireNonNull(registrations, "registrations");
		this.delegation = Objects.requireNonNull(delegation, "delegation");
	}

	/** Ordered by client id; pass a page's {@code next} as {@code after}. */
	@GetMapping
	PageView<ObjectNode> list(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "50") int limit) {
		realmAdministrator(token);
		RequestFields fields = new RequestFields();
		if (limit < 1 || limit > MAX_PAGE) {
			fields.problem("limit", "must be between 1 and " + MAX_PAGE);
		}
		fields.check();
		List<StoredClient> page = this.registrations.list(realm, fields.optional(after), limit + 1);
		List<StoredClient> items = page.subList(0, Math.min(limit, page.size()));
		String next = (page.size() > limit) ? items.get(items.size() - 1).definition().clientId() : null;
		return new PageView<>(items.stream().map(this.registrations::view).toList(), next);
	}

	@GetMapping("/{clientId}")
	ResponseEntity<ObjectNode> get(@PathVariable String realm, @PathVariable String clientId,
			@AuthenticationPrincipal Jwt token) {
		realmAdministrator(token);
		return answer(ResponseEntity.ok(), new Registration(this.registrations.get(realm, clientId), null));
	}

	/** 201; a confidential client's generated secret is in this answer and nowhere else. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ObjectNode> create(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestBody JsonNode body) {
		Registration created = this.registrations.create(realm, body, realmAdministrator(token));
		return answer(ResponseEntity.created(URI.create("/realms/" + realm + "/admin/api/clients/"
				+ created.client().definition().clientId())), created);
	}

	@PutMapping(path = "/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ObjectNode> replace(@PathVariable String realm, @PathVariable String clientId,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody JsonNode body) {
		AdminCaller caller = realmAdministrator(token);
		return answer(ResponseEntity.ok(), this.registrations.replace(realm, clientId, ifMatch, body, caller));
	}

	@PatchMapping(path = "/{clientId}", consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ObjectNode> patch(@PathVariable String realm, @PathVariable String clientId,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody JsonNode patch) {
		AdminCaller caller = realmAdministrator(token);
		return answer(ResponseEntity.ok(), this.registrations.patch(realm, clientId, ifMatch, patch, caller));
	}

	@PostMapping("/{clientId}/rotate-secret")
	ResponseEntity<ObjectNode> rotateSecret(@PathVariable String realm, @PathVariable String clientId,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch) {
		AdminCaller caller = realmAdministrator(token);
		return answer(ResponseEntity.ok(), this.registrations.rotateSecret(realm, clientId, ifMatch, caller));
	}

	/** A disabled client gets no token, and the tokens it holds stop working. */
	@PostMapping("/{clientId}/disable")
	ResponseEntity<ObjectNode> disable(@PathVariable String realm, @PathVariable String clientId,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch) {
		return setEnabled(realm, clientId, token, ifMatch, false);
	}

	@PostMapping("/{clientId}/enable")
	ResponseEntity<ObjectNode> enable(@PathVariable String realm, @PathVariable String clientId,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch) {
		return setEnabled(realm, clientId, token, ifMatch, true);
	}

	private ResponseEntity<ObjectNode> setEnabled(String realm, String clientId, Jwt token, @Nullable String ifMatch,
			boolean enabled) {
		AdminCaller caller = realmAdministrator(token);
		return answer(ResponseEntity.ok(), new Registration(
				this.registrations.setEnabled(realm, clientId, ifMatch, enabled, caller), null));
	}

	private AdminCaller realmAdministrator(Jwt token) {
		AdminCaller caller = AdminCaller.of(token);
		this.delegation.requireRealmAdministrator(caller);
		return caller;
	}

	/**
	 * The client with its ETag; a generated secret is added to this one body only, which no
	 * cache may keep (RFC 9111 section 5.2.2.5).
	 */
	private ResponseEntity<ObjectNode> answer(ResponseEntity.BodyBuilder response, Registration registration) {
		ObjectNode body = this.registrations.view(registration.client());
		response.eTag(EntityTags.of(registration.client().version()));
		if (registration.secret() != null) {
			body.put("clientSecret", registration.secret().reveal());
			response.cacheControl(CacheControl.noStore());
		}
		return response.body(body);
	}

}
