package vn.thanglong.id.admin;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Any other request below the admin API answers a problem document too, instead of falling
 * through to the HTML error page of the pages chain. The least specific mapping: every real
 * route wins over it, so this one also sees a request whose path is a route but whose method
 * or body type is not: 405 with {@code Allow} (RFC 9110 section 15.5.6) or 415 (section
 * 15.5.16), not 404, which told the caller the route does not exist.
 */
@RestController
final class UnknownRouteController {

	private static final MediaType PROBLEM = MediaType.parseMediaType(Problem.MEDIA_TYPE);

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	UnknownRouteController(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@RequestMapping("/realms/{realm}/admin/api/**")
	ResponseEntity<Problem> unknown(HttpServletRequest request) {
		Set<String> allowed = new TreeSet<>();
		boolean methodRouted = false;
		for (var mapping : this.mappings.getObject().getHandlerMethods().entrySet()) {
			RequestMappingInfo route = mapping.getKey();
			if (mapping.getValue().getBeanType() == UnknownRouteController.class || route.getPathPatternsCondition() == null
					|| route.getPathPatternsCondition().getMatchingCondition(request) == null) {
				continue;
			}
			Set<RequestMethod> methods = route.getMethodsCondition().getMethods();
			methods.forEach((method) -> allowed.add(method.name()));
			if (methods.contains(RequestMethod.resolve(request.getMethod()))) {
				methodRouted = true;
			}
		}
		if (allowed.isEmpty()) {
			throw new AdminProblemException(ProblemType.NOT_FOUND, "No such admin API route.");
		}
		if (!methodRouted) {
			if (allowed.contains("GET")) {
				allowed.add("HEAD");
			}
			return ResponseEntity.status(405)
				.header(HttpHeaders.ALLOW, String.join(", ", allowed))
				.contentType(PROBLEM)
				.body(Problem.of(ProblemType.METHOD_NOT_ALLOWED, "The route does not accept this HTTP method.", List.of()));
		}
		return ResponseEntity.status(415)
			.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.contentType(PROBLEM)
			.body(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", List.of()));
	}

}
