package vn.thanglong.id.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealmSecretsTest {

	@TempDir
	Path keys;

	@Test
	void whenMissingAndGenerationAllowedThenGeneratedOnceOwnerOnlyAndReadBackBySecondNode() throws IOException {
		byte[] first = new RealmSecrets(new KeysProperties(this.keys, true)).secret("hanoi", "pairwise-subject");

		Path file = this.keys.resolve("hanoi/pairwise-subject.key");
		assertThat(first).hasSize(32);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(new RealmSecrets(new KeysProperties(this.keys, false)).secret("hanoi", "pairwise-subject"))
			.as("another node given the same file").isEqualTo(first);
		assertThat(new RealmSecrets(new KeysProperties(this.keys, true)).secret("hue", "pairwise-subject"))
			.as("another realm").isNotEqualTo(first);
	}

	@Test
	void whenMissingAndGenerationOffThenStartFailsNamingTheFile() {
		RealmSecrets secrets = new RealmSecrets(new KeysProperties(this.keys, false));
		assertThatThrownBy(() -> secrets.secret("hanoi", "pairwise-subject")).isInstanceOf(KeyLoadingException.class)
			.hasMessageContaining("pairwise-subject.key: missing");
	}

	@Test
	void whenSecretIsTooShortThenRefused() throws IOException {
		Files.createDirectories(this.keys.resolve("hanoi"));
		Files.writeString(this.keys.resolve("hanoi/pairwise-subject.key"), "c2hvcnQ=\n");
		RealmSecrets secrets = new RealmSecrets(new KeysProperties(this.keys, true));
		assertThatThrownBy(() -> secrets.secret("hanoi", "pairwise-subject")).isInstanceOf(KeyLoadingException.class)
			.hasMessageContaining("at least 32 bytes");
	}

}
