package vn.thanglong.id.realm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
		return Arrays.stream(this.sectorIdentifierHosts.split(",")).map(String::trim).filter((s) -> !s.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	List<Path> realmConfigDirectories() {
		return Arrays.stream(this.realmConfig.split(",")).map(String::trim).filter((s) -> !s.isEmpty())
			.map(Path::of).toList();
	}

}
