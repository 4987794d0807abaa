package vn.thanglong.id.realm;

import java.util.Arrays;
import java.util.Optional;

/** Client authentication methods at the token endpoint (OIDC Core section 9, RFC 7523). */
public enum ClientAuthMethod {

	CLIENT_SECRET_BASIC("client_secret_basic"),
	CLIENT_SECRET_POST("client_secret_post"),
	PRIVATE_KEY_JWT("private_key_jwt"),
	NONE("none");

	private final String value;

	ClientAuthMethod(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	public boolean usesSecret() {
		return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST;
	}

	static Optional<ClientAuthMethod> of(String value) {
		return Arrays.stream(values()).filter((m) -> m.value.equals(value)).findFirst();
	}

}
