package vn.thanglong.id.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityDataKeyTest {

	@TempDir
	Path keys;

	@Test
	void whenKeyIsConfiguredThenItIsUsedAndNoFileIsWritten() {
		byte[] key = IdentityStack.randomKey();
		assertThat(IdentityDataKey.load(Base64.getEncoder().encodeToString(key), this.keys, true)).isEqualTo(key);
		assertThat(this.keys.resolve(IdentityDataKey.FILE_NAME)).doesNotExist();
	}

	@Test
	void whenKeyIsMissingAndGenerationIsAllowedThenItIsGeneratedOnceOwnerOnly() throws Exception {
		byte[] first = IdentityDataKey.load(null, this.keys.resolve("dev"), true);
		Path file = this.keys.resolve("dev").resolve(IdentityDataKey.FILE_NAME);
		assertThat(first).hasSize(32);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(IdentityDataKey.load("", this.keys.resolve("dev"), true)).isEqualTo(first);
		assertThat(IdentityDataKey.load(null, this.keys.resolve("dev"), false)).as("provisioned file").isEqualTo(first);
	}

	@Test
	void whenKeyIsMissingAndGenerationIsOffThenStartIsRefusedSayingWhatToSet() {
		assertThatThrownBy(() -> IdentityDataKey.load(null, this.keys, false)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("IDP_IDENTITY_DATA_KEY");
	}

	@Test
	void whenKeyIsNotThirtyTwoBytesThenItIsRefused() {
		assertThatThrownBy(() -> IdentityDataKey.load(Base64.getEncoder().encodeToString(new byte[16]), this.keys, true))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
		assertThatThrownBy(() -> IdentityDataKey.load("not base64!", this.keys, true))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
	}

}
