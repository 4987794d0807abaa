package vn.thanglong.id.keys;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where signing keys live.
 *
 * @param directory one folder per realm holding {@code keyset.yaml} and PEM files
 * ({@code IDP_KEYS_DIRECTORY}); the embedded default is {@code keys/dev}
 * @param generateMissing generate a realm's keys at first start when its folder is empty
 * ({@code IDP_KEYS_GENERATE_MISSING}); production turns this off and provisions keys
 */
@ConfigurationProperties("idp.keys")
public record KeysProperties(@DefaultValue("keys/dev") Path directory, @DefaultValue("true") boolean generateMissing) {
}
