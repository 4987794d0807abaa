package vn.thanglong.id.admin;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thanglong.id.admin.AdminRequests.MergeRequest;
import vn.thanglong.id.admin.AdminRequests.MoveRequest;
import vn.thanglong.id.admin.AdminRequests.NameRequest;
import vn.thanglong.id.admin.AdminRequests.NewUnitRequest;
import vn.thanglong.id.admin.AdminViews.UnitChangeView;
import vn.thanglong.id.admin.AdminViews.UnitView;
import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;

/**
 * The realm's agency units: create, rename, move, merge, close, read, children and history.
 * A unit administrator works within its subtree: it may create units below it and rename any
 * unit of it, but move, merge or close only units strictly below the one it is bound to.
 */
@RestController
@RequestMapping("/realms/{realm}/admin/api/units")
final class UnitsController {

	private final AgencyUnits units;

	private final DelegatedAdministration delegation;

	UnitsController(AgencyUnits units, DelegatedAdministration delegation) {
		this.units = Objects.requireNonNull(units, "units");
		this.delegation = Objects.requireNonNull(delegation, "delegation");
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UnitView> create(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestBody NewUnitRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		RequestFields fields = new RequestFields();
		String code = fields.required("code", request.code());
		String name = fields.required("name", request.name());
		fields.check();
		String parentId = fields.optional(request.parentId());
		this.delegation.requireParent(caller, realm, parentId);
		AgencyUnit unit = this.units.create(realm, code, name, parentId, caller.actor());
		return ResponseEntity.created(URI.create("/realms/" + realm + "/admin/api/units/" + unit.id()))
			.eTag(EntityTags.of(unit.version()))
			.body(UnitView.of(unit));
	}

	/** Look-up by agency code: {@code ?code=H26.01}. */
	@GetMapping
	List<UnitView> byCode(@PathVariable String realm, @AuthenticationPrincipal Jwt token, @RequestParam String code) {
		AdminCaller caller = AdminCaller.of(token);
		return this.units.findByCode(code.strip()).filter((unit) -> unit.realm().equals(realm))
			.map((unit) -> this.delegation.requireUnit(caller, realm, unit.id(), "code"))
			.map(UnitView::of).stream().toList();
	}

	@GetMapping("/{id}")
	ResponseEntity<UnitView> get(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
		return tagged(this.delegation.requireUnit(AdminCaller.of(token), realm, id, "id"));
	}

	@GetMapping("/{id}/children")
	List<UnitView> children(@PathVariable String realm, @PathVariable String id, @AuthenticationPrincipal Jwt token) {
		AgencyUnit unit = this.delegation.requireUnit(AdminCaller.of(token), realm, id, "id");
		return this.units.children(unit.id()).stream().map(UnitView::of).toList();
	}

	@GetMapping("/{id}/history")
	List<UnitChangeView> history(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
		AgencyUnit unit = this.delegation.requireUnit(AdminCaller.of(token), realm, id, "id");
		return this.units.historyOf(unit.id()).stream().map(UnitChangeView::of).toList();
	}

	@PostMapping(path = "/{id}/rename", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UnitView> rename(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody NameRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		RequestFields fields = new RequestFields();
		String name = fields.required("name", request.name());
		fields.check();
		AgencyUnit unit = this.delegation.requireUnit(caller, realm, id, "id");
		return tagged(this.units.rename(unit.id(), EntityTags.expectedVersion(ifMatch), name, caller.actor()));
	}

	/** {@code parentId} {@code null}: the unit becomes a root (realm administrators only). */
	@PostMapping(path = "/{id}/move", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UnitView> move(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody MoveRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		AgencyUnit unit = this.delegation.requireUnitBelow(caller, realm, id);
		String parentId = new RequestFields().optional(request.parentId());
		this.delegation.requireParent(caller, realm, parentId);
		return tagged(this.units.move(unit.id(), EntityTags.expectedVersion(ifMatch), parentId, caller.actor()));
	}

	@PostMapping(path = "/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UnitView> merge(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody MergeRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		RequestFields fields = new RequestFields();
		String intoId = fields.required("intoId", request.intoId());
		fields.check();
		AgencyUnit unit = this.delegation.requireUnitBelow(caller, realm, id);
		this.delegation.requireUnit(caller, realm, intoId, "intoId");
		return tagged(this.units.merge(unit.id(), EntityTags.expectedVersion(ifMatch), intoId, caller.actor()));
	}

	@PostMapping("/{id}/close")
	ResponseEntity<UnitView> close(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch) {
		AdminCaller caller = AdminCaller.of(token);
		AgencyUnit unit = this.delegation.requireUnitBelow(caller, realm, id);
		return tagged(this.units.close(unit.id(), EntityTags.expectedVersion(ifMatch), caller.actor()));
	}

	private static ResponseEntity<UnitView> tagged(AgencyUnit unit) {
		return ResponseEntity.ok().eTag(EntityTags.of(unit.version())).body(UnitView.of(unit));
	}

}
