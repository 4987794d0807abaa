package vn.thanglong.id.realm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where realms come from.
 *
 * @param realmConfig a directory, or a comma-separated list of directories, each holding one
 * folder per realm ({@code IDP_REALM_CONFIG})
 * @param sectorIdentifierHosts hosts whose sector identifier URIs a client given through the
 * admin API may name although they resolve to private or loopback addresses, comma-separated
 * ({@code IDP_SECTOR_IDENTIFIER_HOSTS}); other hosts must resolve to public addresses
 */
@ConfigurationProperties("idp")
public record RealmProperties(String realmConfig, String sectorIdentifierHosts) {

	public RealmProperties {
		if (realmConfig == null || realmConfig.isBlank()) {
			realmConfig = "realm-config";
		}
		if (sectorIdentifierHosts == null) {
			sectorIdentifierHosts = "";
		}
	}

	Set<String> trustedSectorIdentifierHosts() {
		return Set.copyOf(items(this.sectorIdentifierHosts));
	}

	List<Path> realmConfigDirectories() {
		return items(this.realmConfig).stream().map(Path::of).toList();
	}

	/** The non-empty items of a comma-separated list, trimmed. */
	private static List<String> items(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

}
