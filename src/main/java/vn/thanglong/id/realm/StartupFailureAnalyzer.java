package vn.thanglong.id.realm;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints an invalid realm-config file as one clear line (file, field, problem) instead of a
 * stack of bean-creation errors. Registered in {@code META-INF/spring.factories}.
 */
final class StartupFailureAnalyzer extends AbstractFailureAnalyzer<RealmConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RealmConfigException cause) {
		return new FailureAnalysis("Invalid realm configuration:\n  " + cause.getMessage().replace("\n", "\n  "),
				"Correct the file named above (realm-config/realm.schema.json and client.schema.json describe "
						+ "every field), or point IDP_REALM_CONFIG at the right directory.",
				cause);
	}

}
