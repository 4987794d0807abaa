package vn.thanglong.id.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalIdProtectorTest {

	private static final PersonalIdNumber NUMBER = new PersonalIdNumber("001090012345");

	private final byte[] key = IdentityStack.randomKey();

	private final PersonalIdProtector protector = new PersonalIdProtector(this.key);

	@Test
	void whenNumberIsLookedUpTwiceThenTheValueIsStableAndKeyed() {
		assertThat(this.protector.lookup(NUMBER)).isEqualTo(this.protector.lookup(NUMBER)).hasSize(64)
			.doesNotContain(NUMBER.value());
		assertThat(new PersonalIdProtector(IdentityStack.randomKey()).lookup(NUMBER)).isNotEqualTo(this.protector.lookup(NUMBER));
	}

	@Test
	void whenNumberIsEncryptedThenOnlyItsPersonDecryptsIt() {
		String sealed = this.protector.encrypt(NUMBER, "person-1");
		assertThat(sealed).startsWith("v1:").doesNotContain(NUMBER.value());
		assertThat(this.protector.encrypt(NUMBER, "person-1")).as("random IV").isNotEqualTo(sealed);
		assertThat(this.protector.decrypt(sealed, "person-1")).isEqualTo(NUMBER);
		assertThatThrownBy(() -> this.protector.decrypt(sealed, "person-2")).isInstanceOf(IllegalStateException.class)
			.hasMessageNotContaining(NUMBER.value());
		assertThatThrownBy(() -> new PersonalIdProtector(IdentityStack.randomKey()).decrypt(sealed, "person-1"))
			.isInstanceOf(IllegalStateException.class);
	}

}
