package vn.thanglong.id.realm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The realms of this deployment, as loaded from realm-config at start-up. A realm is found
 * only by its exact name: there is no default realm and no prefix matching.
 */
public final class RealmRegistry {

	private final Map<String, RealmDefinition> realms;

	RealmRegistry(List<RealmDefinition> realms) {
		Map<String, RealmDefinition> byName = new LinkedHashMap<>();
		realms.forEach((realm) -> byName.put(realm.name(), realm));
		this.realms = Map.copyOf(byName);
	}

	public Optional<RealmDefinition> find(String name) {
		return Optional.ofNullable(this.realms.get(name));
	}

	public boolean exists(String name) {
		return this.realms.containsKey(name);
	}

	public Set<String> names() {
		return this.realms.keySet();
	}

}
