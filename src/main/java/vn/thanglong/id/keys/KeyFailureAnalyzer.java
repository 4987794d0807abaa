package vn.thanglong.id.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an unusable key set as one clear line. Registered in {@code META-INF/spring.factories}. */
final class KeyFailureAnalyzer extends AbstractFailureAnalyzer<KeyLoadingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeyLoadingException cause) {
		return new FailureAnalysis("Signing keys cannot be used:\n  " + cause.getMessage(),
				"See keys/README.md for the key layout; IDP_KEYS_DIRECTORY names the directory.", cause);
	}

}
