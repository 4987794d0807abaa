package vn.thanglong.id.keys;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of token signing: which JCA provider signs (the native Corretto provider or the JDK),
 * and whether every realm has its active keys. A realm without an active RS256 key cannot
 * issue ID tokens, so the node reports itself down.
 */
final class SigningHealthIndicator extends AbstractHealthIndicator {

	private final KeyRing keyRing;

	private final Collection<String> realms;

	SigningHealthIndicator(KeyRing keyRing, Collection<String> realms) {
		super("Signing health check failed");
		this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
		this.realms = List.copyOf(realms);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> active = new LinkedHashMap<>();
		boolean complete = true;
		for (String realm : this.realms) {
			Map<String, String> kids = new LinkedHashMap<>();
			for (String alg : KeyRing.ALGORITHMS) {
				this.keyRing.activeKey(realm, alg).ifPresent((key) -> kids.put(alg, key.kid()));
			}
			complete &= kids.containsKey("RS256");
			active.put(realm, kids);
		}
		(complete ? builder.up() : builder.down()).withDetail("provider", CryptoProviders.activeProvider())
			.withDetail("activeKeys", active);
	}

}
