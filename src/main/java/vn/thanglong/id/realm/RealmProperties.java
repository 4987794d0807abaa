package vn.thanglong.id.realm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where realms come from.
 *
 * @param realmConfig a directory, or a comma-separated list of directories, each holding one
 * folder per realm ({@code IDP_REALM_CONFIG})
 */
@ConfigurationProperties("idp")
public record RealmProperties(String realmConfig) {

	public RealmProperties {
		if (realmConfig == null || realmConfig.isBlank()) {
			realmConfig = "realm-config";
		}
	}

	List<Path> realmConfigDirectories() {
		return Arrays.stream(this.realmConfig.split(",")).map(String::trim).filter((s) -> !s.isEmpty())
			.map(Path::of).toList();
	}

}
