package vn.thanglong.id.oidc;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;

import vn.thanglong.id.realm.ClientChanged;
import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.StoredClient;

/**
 * The web origins (RFC 6454) a realm's agency systems run in: the origin of each {@code http}
 * or {@code https} redirect URI of its enabled clients. A single-page application receives its
 * code at its redirect URI and calls the token and userinfo endpoints from that same origin, so
 * these are the origins whose scripts may read those answers (CORS). Kept per realm for a short
 * while: a change on this node drops the realm at once, one on another node shows within
 * {@link #TTL}.
 */
final class BrowserOrigins {

	static final Duration TTL = Duration.ofSeconds(30);

	private static final int PAGE = 200;

	private final ClientStore clients;

	private final Clock clock;

	private final Map<String, Snapshot> realms = new ConcurrentHashMap<>();

	BrowserOrigins(ClientStore clients, Clock clock) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** Whether {@code origin}, as a browser sends it in {@code Origin}, is one of the realm's. */
	boolean allows(String realm, String origin) {
		Instant now = this.clock.instant();
		Snapshot snapshot = this.realms.get(realm);
		if (snapshot == null || now.isAfter(snapshot.takenAt().plus(TTL))) {
			snapshot = new Snapshot(load(realm), now);
			this.realms.put(realm, snapshot);
		}
		return snapshot.origins().contains(origin.toLowerCase(Locale.ROOT));
	}

	@EventListener
	void onClientChanged(ClientChanged changed) {
		this.realms.remove(changed.realm());
	}

	private Set<String> load(String realm) {
		Set<String> origins = new HashSet<>();
		String after = null;
		List<StoredClient> page;
		do {
			page = this.clients.list(realm, after, PAGE);
			for (StoredClient client : page) {
				if (client.enabled()) {
					client.definition().redirectUris().forEach((uri) -> {
						String origin = originOf(uri);
						if (origin != null) {
							origins.add(origin);
						}
					});
				}
				after = client.definition().clientId();
			}
		}
		while (page.size() == PAGE);
		return Set.copyOf(origins);
	}

	/** RFC 6454 section 4: scheme, host and port, the port left out where it is the scheme's default. */
	static @Nullable String originOf(String uri) {
		URI parsed;
		try {
			parsed = new URI(uri);
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
		String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("https") || scheme.equals("http")) || parsed.getHost() == null) {
			return null;
		}
		int port = parsed.getPort();
		boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
		return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

	private record Snapshot(Set<String> origins, Instant takenAt) {
	}

}
