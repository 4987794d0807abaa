package vn.thanglong.id.scim;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thanglong.id.identity.ListingPage;

/**
 * The SCIM 2.0 protocol endpoints of a realm (RFC 7644 section 3.2). Bodies are read and written
 * as bytes with the SDK's mapper ({@link ScimJson}); the realm is the one the access token was
 * checked against (oidc.RealmBearerTokens).
 */
@RestController
@RequestMapping("/realms/{realm}/scim/v2")
final class ScimController {

	private final ScimUsers users;

	private final ScimGroups groups;

	private final ScimDiscovery discovery;

	ScimController(ScimUsers users, ScimGroups groups, ScimDiscovery discovery) {
		this.users = Objects.requireNonNull(users, "users");
		this.groups = Objects.requireNonNull(groups, "groups");
		this.discovery = Objects.requireNonNull(discovery, "discovery");
	}

	@GetMapping("/ServiceProviderConfig")
	ResponseEntity<byte[]> serviceProviderConfig(@PathVariable String realm, HttpServletRequest request) {
		return ok(this.discovery.serviceProviderConfig(locations(request, realm)));
	}

	@GetMapping("/ResourceTypes")
	ResponseEntity<byte[]> resourceTypes(@PathVariable String realm, HttpServletRequest request) {
		return ok(list(this.discovery.resourceTypes(locations(request, realm))));
	}

	@GetMapping("/ResourceTypes/{id}")
	ResponseEntity<byte[]> resourceType(@PathVariable String realm, @PathVariable String id,
			HttpServletRequest request) {
		return ok(byId(this.discovery.resourceTypes(locations(request, realm)), id, "no such ResourceType"));
	}

	@GetMapping("/Schemas")
	ResponseEntity<byte[]> schemas(@PathVariable String realm, HttpServletRequest request) {
		return ok(list(this.discovery.schemas(locations(request, realm))));
	}

	@GetMapping("/Schemas/{id}")
	ResponseEntity<byte[]> schema(@PathVariable String realm, @PathVariable String id, HttpServletRequest request) {
		return ok(byId(this.discovery.schemas(locations(request, realm)), id, "no such Schema"));
	}

	@GetMapping("/Users")
	ResponseEntity<byte[]> searchUsers(@PathVariable String realm, @RequestParam(required = false) @Nullable String filter,
			@RequestParam(required = false) @Nullable String sortBy,
			@RequestParam(required = false) @Nullable String sortOrder,
			@RequestParam(required = false) @Nullable Integer startIndex,
			@RequestParam(required = false) @Nullable Integer count, HttpServletRequest request) {
		ScimListing listing = ScimListing.of(filter, sortBy, sortOrder, startIndex, count);
		ScimLocations locations = locations(request, realm);
		ListingPage<ScimUsers.StoredUser> page = this.users.list(realm, listing.users());
		List<ObjectNode> resources = page.items().stream()
			.map((user) -> ScimUsers.representation(user, locations.of("Users", user.record().id())))
			.toList();
		return ok(listing.response(page.totalResults(), resources));
	}

	@PostMapping("/Users")
	ResponseEntity<byte[]> createUser(@PathVariable String realm, @RequestBody(required = false) byte @Nullable [] body,
			@AuthenticationPrincipal Jwt token, HttpServletRequest request) {
		ScimUsers.StoredUser user = this.users.create(realm, ScimJson.readObject(body(body)), actor(token));
		String location = locations(request, realm).of("Users", user.record().id());
		return ResponseEntity.status(201)
			.header(HttpHeaders.LOCATION, location)
			.eTag(user.etag())
			.contentType(ScimJson.SCIM)
			.body(ScimJson.write(ScimUsers.representation(user, location)));
	}

	@GetMapping("/Users/{id}")
	ResponseEntity<byte[]> getUser(@PathVariable String realm, @PathVariable String id, HttpServletRequest request) {
		return user(this.users.get(realm, id), locations(request, realm));
	}

	@PutMapping("/Users/{id}")
	ResponseEntity<byte[]> replaceUser(@PathVariable String realm, @PathVariable String id,
			@RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@AuthenticationPrincipal Jwt token, HttpServletRequest request) {
		return user(this.users.replace(realm, id, ScimJson.readObject(body(body)), ifMatch, actor(token)),
				locations(request, realm));
	}

	@PatchMapping("/Users/{id}")
	ResponseEntity<byte[]> patchUser(@PathVariable String realm, @PathVariable String id,
			@RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@AuthenticationPrincipal Jwt token, HttpServletRequest request) {
		com.fasterxml.jackson.databind.node.ObjectNode operations = ScimJson.readObject(body(body));
		PatchRules.check(operations);
		PatchRequest patch = ScimJson.convert(operations, PatchRequest.class);
		ScimLocations locations = locations(request, realm);
		return user(this.users.patch(realm, id, patch, locations.of("Users", id), ifMatch, actor(token)), locations);
	}

	@DeleteMapping("/Users/{id}")
	ResponseEntity<Void> deleteUser(@PathVariable String realm, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@AuthenticationPrincipal Jwt token) {
		this.users.delete(realm, id, ifMatch, actor(token));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/Groups")
	ResponseEntity<byte[]> searchGroups(@PathVariable String realm,
			@RequestParam(required = false) @Nullable String filter,
			@RequestParam(required = false) @Nullable String sortBy,
			@RequestParam(required = false) @Nullable String sortOrder,
			@RequestParam(required = false) @Nullable Integer startIndex,
			@RequestParam(required = false) @Nullable Integer count, HttpServletRequest request) {
		ScimListing listing = ScimListing.of(filter, sortBy, sortOrder, startIndex, count);
		ListingPage<ObjectNode> page = this.groups.list(realm, listing.groups(), locations(request, realm));
		return ok(listing.response(page.totalResults(), page.items()));
	}

	@GetMapping("/Groups/{id}")
	ResponseEntity<byte[]> getGroup(@PathVariable String realm, @PathVariable String id, HttpServletRequest request) {
		ObjectNode group = this.groups.get(realm, id, locations(request, realm));
		return ResponseEntity.ok()
			.eTag(group.get("meta").get("version").asText())
			.contentType(ScimJson.SCIM)
			.body(ScimJson.write(group));
	}

	/** Groups mirror the unit tree, which the identity model owns (RFC 7644 section 3.12: 501 for what is not offered). */
	@RequestMapping(path = { "/Groups", "/Groups/{id}" },
			method = { RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE })
	ResponseEntity<byte[]> writeGroup() {
		throw new ScimProblem(501, null, "Groups are read-only: they are the realm's agency units");
	}

	/**
	 * RFC 7644 sections 3.11 and 3.7: an alias for the caller's own resource and bulk operations,
	 * neither offered (the provisioning client is a system, not a user; ServiceProviderConfig says
	 * bulk is not supported): 501, as for everything not offered.
	 */
	@RequestMapping(path = { "/Me", "/Me/**", "/Bulk" })
	ResponseEntity<byte[]> notOffered() {
		throw new ScimProblem(501, null, "/Me and /Bulk are not supported by this service provider");
	}

	private static ResponseEntity<byte[]> user(ScimUsers.StoredUser user, ScimLocations locations) {
		return ResponseEntity.ok()
			.eTag(user.etag())
			.contentType(ScimJson.SCIM)
			.body(ScimJson.write(ScimUsers.representation(user, locations.of("Users", user.record().id()))));
	}

	private static ResponseEntity<byte[]> ok(ObjectNode body) {
		return ResponseEntity.ok().contentType(ScimJson.SCIM).body(ScimJson.write(body));
	}

	/** Discovery listings are ListResponses too (RFC 7644 section 4), unfiltered. */
	private static ObjectNode list(List<ObjectNode> items) {
		ObjectNode response = ScimJson.object();
		response.putArray("schemas").add(ScimJson.LIST_RESPONSE);
		response.put("totalResults", items.size());
		response.put("startIndex", 1);
		response.put("itemsPerPage", items.size());
		ArrayNode resources = response.putArray("Resources");
		items.forEach(resources::add);
		return response;
	}

	private static ObjectNode byId(List<ObjectNode> items, String id, String missing) {
		return items.stream()
			.filter((item) -> item.get("id").asText().equals(id))
			.findFirst()
			.orElseThrow(() -> ScimProblem.notFound(missing));
	}

	private static byte[] body(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			throw ScimProblem.invalidSyntax("a JSON body is required");
		}
		return body;
	}

	/** Audit actor: the client the token was issued to. */
	private static String actor(Jwt token) {
		String client = token.getClaimAsString("client_id");
		return "scim:" + ((client != null) ? client : token.getSubject());
	}

	/**
	 * The realm's SCIM base from the request, which {@code idp.public-base-url} (when set) has
	 * already made look like the public address.
	 */
	private static ScimLocations locations(HttpServletRequest request, String realm) {
		String base = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
			.replaceQuery(null)
			.build()
			.toUriString();
		return new ScimLocations(base + "/realms/" + realm + "/scim/v2");
	}

}
