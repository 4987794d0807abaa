package vn.thanglong.id.keys;

import java.security.Provider;
import java.security.Security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the fastest JCA provider first. The Amazon Corretto Crypto Provider (AWS-LC, native)
 * signs RS256 several times faster than the JDK; where its native library does not load
 * (another OS or CPU) the JDK providers stay in charge. Bouncy Castle is not registered as a
 * provider: PEM parsing and Argon2 use its classes directly, and registering it would load
 * some 450 classes at every start for algorithms nothing here asks the JCA for.
 */
public final class CryptoProviders {

	private static final Logger log = LoggerFactory.getLogger(CryptoProviders.class);

	static final String ACCP_NAME = "AmazonCorrettoCryptoProvider";

	private CryptoProviders() {
	}

	/** Installs the providers once per JVM; calling it again changes nothing. */
	public static synchronized void install() {
		if (Security.getProvider(ACCP_NAME) == null && !"false".equalsIgnoreCase(System.getenv("IDP_ACCP"))) {
			try {
				Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
				accp.getMethod("install").invoke(null);
				Provider installed = Security.getProvider(ACCP_NAME);
				if (installed != null) {
					accp.getMethod("assertHealthy").invoke(installed);
				}
			}
			catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
				Security.removeProvider(ACCP_NAME);
				log.warn("Amazon Corretto Crypto Provider unavailable ({}); using the JDK providers", ex.toString());
			}
		}
		log.info("Signing provider: {}", activeProvider());
	}

	/** The provider that signs, as reported at start-up and by the health endpoint. */
	public static String activeProvider() {
		try {
			return java.security.Signature.getInstance("SHA256withRSA").getProvider().getName();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			return "none";
		}
	}

}
