package vn.thanglong.id.admin;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other path below the admin API answers a problem document too, instead of falling
 * through to the HTML error page of the pages chain. The least specific mapping: every real
 * route wins over it.
 */
@RestController
final class UnknownRouteController {

	@RequestMapping("/realms/{realm}/admin/api/**")
	void unknown() {
		throw new AdminProblemException(ProblemType.NOT_FOUND, "No such admin API route.");
	}

}
