package vn.thanglong.id.admin;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.admin.AdminViews.AuditEventView;
import vn.thanglong.id.admin.AdminViews.PageView;
import vn.thanglong.id.audit.AuditLog;
import vn.thanglong.id.audit.AuditPage;
import vn.thanglong.id.audit.AuditQuery;

/**
 * The realm's audit trail, newest first, paged by keyset ({@code before} is the previous page's
 * {@code next}): stable while new events arrive. For realm administrators with {@code admin:audit}.
 */
@RestController
@RequestMapping("/realms/{realm}/admin/api/audit")
final class AuditController {

	static final int MAX_PAGE = 200;

	/** Organizations are deployment-wide: their events belong to no realm. */
	private static final Set<String> DEPLOYMENT_WIDE = Set.of("organization", "membership");

	private final AuditLog audit;

	private final DelegatedAdministration delegation;

	private final JsonMapper json;

	AuditController(AuditLog audit, DelegatedAdministration delegation, JsonMapper json) {
		this.audit = Objects.requireNonNull(audit, "audit");
		this.delegation = Objects.requireNonNull(delegation, "delegation");
		this.json = Objects.requireNonNull(json, "json");
	}

	@GetMapping
	PageView<AuditEventView> page(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestParam(required = false) @Nullable String targetType,
			@RequestParam(required = false) @Nullable String targetId,
			@RequestParam(required = false) @Nullable String before, @RequestParam(defaultValue = "50") int limit) {
		this.delegation.requireRealmAdministrator(AdminCaller.of(token));
		RequestFields fields = new RequestFields();
		Long cursor = null;
		if (before != null && !before.isBlank()) {
			try {
				cursor = Long.parseLong(before.strip());
			}
			catch (NumberFormatException ex) {
				fields.problem("before", "must be the next cursor of a previous page");
			}
		}
		if (limit < 1 || limit > MAX_PAGE) {
			fields.problem("limit", "must be between 1 and " + MAX_PAGE);
		}
		fields.check();
		String type = fields.optional(targetType);
		String queryRealm = (type != null && DEPLOYMENT_WIDE.contains(type)) ? null : realm;
		AuditPage page = this.audit.page(new AuditQuery(queryRealm, type, fields.optional(targetId)), cursor, limit);
		return new PageView<>(page.events().stream().map((event) -> AuditEventView.of(event, this.json)).toList(),
				(page.nextBefore() != null) ? String.valueOf(page.nextBefore()) : null);
	}

}
