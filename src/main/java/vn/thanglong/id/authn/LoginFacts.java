package vn.thanglong.id.authn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What a completed login established, read back from an {@link Authentication} made by this
 * capability: for {@code auth_time}, {@code amr} and {@code acr} (OIDC Core section 2).
 *
 * @param realm the realm the user logged in to
 * @param personId the person who logged in (the principal's name)
 * @param authTime when the user last proved a factor
 * @param amr authentication method references (RFC 8176)
 * @param acr the level of assurance reached
 */
public record LoginFacts(String realm, String personId, Instant authTime, List<String> amr, String acr) {

	/** eIDAS level of assurance "low": one factor, no verified identity. */
	public static final String ACR_LOW = "http://eidas.europa.eu/LoA/low";

	/** Whether {@code authentication} is a login to {@code realm}; a login to another realm is none. */
	public static boolean loggedInTo(@Nullable Authentication authentication, String realm) {
		return authentication != null && authentication.isAuthenticated()
				&& of(authentication).filter((facts) -> facts.realm().equals(realm)).isPresent();
	}

	public static Optional<LoginFacts> of(Authentication authentication) {
		String realm = null;
		Instant authTime = null;
		List<String> amr = new ArrayList<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name == null) {
				continue;
			}
			if (name.startsWith(RealmPasswordAuthenticationProvider.REALM_AUTHORITY_PREFIX)) {
				realm = name.substring(RealmPasswordAuthenticationProvider.REALM_AUTHORITY_PREFIX.length());
			}
			else if (authority instanceof FactorGrantedAuthority factor) {
				if (FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(name)) {
					amr.add("pwd");
				}
				if (authTime == null || factor.getIssuedAt().isAfter(authTime)) {
					authTime = factor.getIssuedAt();
				}
			}
		}
		if (realm == null || authTime == null) {
			return Optional.empty();
		}
		return Optional.of(new LoginFacts(realm, authentication.getName(), authTime, List.copyOf(amr), ACR_LOW));
	}

}
