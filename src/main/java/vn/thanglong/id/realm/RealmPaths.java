package vn.thanglong.id.realm;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** Realm names from request paths of the form {@code /realms/{realm}/...}: the one place that parses them. */
public final class RealmPaths {

	public static final String PREFIX = "/realms/";

	private RealmPaths() {
	}

	/** The request's path within the application (without the context path). */
	public static String pathOf(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/** The realm the path names, whether or not such a realm exists. */
	public static Optional<String> realmOf(String path) {
		if (!path.startsWith(PREFIX)) {
			return Optional.empty();
		}
		int end = path.indexOf('/', PREFIX.length());
		String realm = (end < 0) ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
		return realm.isEmpty() ? Optional.empty() : Optional.of(realm);
	}

	public static Optional<String> realmOf(HttpServletRequest request) {
		return realmOf(pathOf(request));
	}

}
