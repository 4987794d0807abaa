package vn.thanglong.id.keys;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import vn.thanglong.id.realm.RealmRegistry;

/** Wires the keys capability. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

	@Bean
	KeyRing keyRing(KeysProperties properties, Clock clock, RealmRegistry realms) {
		CryptoProviders.install();
		return new KeyRing(properties, clock, realms.names());
	}

	@Bean
	RealmSecrets realmSecrets(KeysProperties properties) {
		return new RealmSecrets(properties);
	}

	@Bean
	KeyRingRefresher keyRingRefresher(KeyRing keyRing) {
		return new KeyRingRefresher(keyRing);
	}

	@Bean
	SigningHealthIndicator signingHealthIndicator(KeyRing keyRing, RealmRegistry realms) {
		return new SigningHealthIndicator(keyRing, realms.names());
	}

	/** {@code idp_signing_provider_info{provider="..."} 1} on the Prometheus endpoint. */
	@Bean
	MeterBinder signingProviderMetric() {
		return (registry) -> Gauge.builder("idp.signing.provider.info", () -> 1)
			.description("The JCA provider that signs tokens")
			.tag("provider", CryptoProviders.activeProvider())
			.register(registry);
	}

	@Bean
	InfoContributor cryptoProviderInfo() {
		return (builder) -> builder.withDetail("signingProvider", CryptoProviders.activeProvider());
	}

	/**
	 * Picks up an edited {@code keyset.yaml} (rotation) and drops retired keys past their
	 * {@code publishUntil}, on every node, every {@code idp.keys.refresh-interval} (30 s by default).
	 */
	static final class KeyRingRefresher {

		private final KeyRing keyRing;

		KeyRingRefresher(KeyRing keyRing) {
			this.keyRing = keyRing;
		}

		@Scheduled(fixedDelayString = "${idp.keys.refresh-interval:PT30S}")
		void refresh() {
			this.keyRing.refresh();
		}

	}

}
