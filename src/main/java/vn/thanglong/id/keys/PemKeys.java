package vn.thanglong.id.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes PEM key files: PKCS#8 private keys (RFC 5208, as {@code openssl genpkey}
 * writes them; the older PKCS#1 and SEC 1 forms are accepted too) and SPKI public keys or
 * X.509 certificates (RFC 5280), parsed by Bouncy Castle and turned into keys by the first JCA
 * provider's {@code KeyFactory}, so that a native provider signs with its own key objects.
 */
final class PemKeys {

	private static final Logger log = LoggerFactory.getLogger(PemKeys.class);

	private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

	private PemKeys() {
	}

	static PrivateKey readPrivate(Path file, String keyAlgorithm) {
		Object parsed = parse(file);
		PrivateKeyInfo info;
		if (parsed instanceof PrivateKeyInfo pkcs8) {
			info = pkcs8;
		}
		else if (parsed instanceof PEMKeyPair pair) {
			info = pair.getPrivateKeyInfo();
		}
		else {
			throw new KeyLoadingException(file + ": not an unencrypted PKCS#8 private key");
		}
		checkAlgorithm(file, info.getPrivateKeyAlgorithm().getAlgorithm(), keyAlgorithm);
		warnIfShared(file);
		try {
			return KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new KeyLoadingException(file + ": not a valid " + keyAlgorithm + " private key (" + ex.getMessage() + ")");
		}
	}

	static PublicKey readPublic(Path file, String keyAlgorithm) {
		Object parsed = parse(file);
		SubjectPublicKeyInfo info;
		if (parsed instanceof SubjectPublicKeyInfo spki) {
			info = spki;
		}
		else if (parsed instanceof X509CertificateHolder certificate) {
			info = certificate.getSubjectPublicKeyInfo();
		}
		else {
			throw new KeyLoadingException(file + ": not a SPKI public key or an X.509 certificate");
		}
		checkAlgorithm(file, info.getAlgorithm().getAlgorithm(), keyAlgorithm);
		try {
			return KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new KeyLoadingException(file + ": not a valid " + keyAlgorithm + " public key (" + ex.getMessage() + ")");
		}
	}

	/** Generates an RSA 2048 ({@code RS256}) or P-256 ({@code ES256}) key pair with the first provider. */
	static KeyPair generate(String alg) {
		try {
			if ("RS256".equals(alg)) {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
				return generator.generateKeyPair();
			}
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new KeyLoadingException("cannot generate a " + alg + " key: " + ex.getMessage());
		}
	}

	/** Writes a PKCS#8 PEM file that only its owner can read (mode 0600 where POSIX permissions exist). */
	static void writePrivate(Path file, PrivateKey key) throws IOException {
		Files.deleteIfExists(file);
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): the directory's access control list applies.
			Files.createFile(file);
		}
		write(file, new PemObject("PRIVATE KEY", key.getEncoded()));
	}

	static void writePublic(Path file, PublicKey key) throws IOException {
		write(file, new PemObject("PUBLIC KEY", key.getEncoded()));
	}

	private static void checkAlgorithm(Path file, ASN1ObjectIdentifier found, String keyAlgorithm) {
		ASN1ObjectIdentifier expected = "RSA".equals(keyAlgorithm) ? PKCSObjectIdentifiers.rsaEncryption
				: X9ObjectIdentifiers.id_ecPublicKey;
		if (!expected.equals(found)) {
			String name = PKCSObjectIdentifiers.rsaEncryption.equals(found) ? "an RSA key"
					: X9ObjectIdentifiers.id_ecPublicKey.equals(found) ? "an EC key" : "a key of algorithm " + found;
			throw new KeyLoadingException(file + ": holds " + name + ", but the key set's alg needs " + keyAlgorithm);
		}
	}

	private static void warnIfShared(Path file) {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (permissions.stream().anyMatch(SHARED::contains)) {
				log.warn("{}: private key open to group or others (mode {}); make it 0600 or 0400, owned by the service user",
						file, PosixFilePermissions.toString(permissions));
			}
		}
		catch (UnsupportedOperationException | IOException ex) {
			// No POSIX permissions to check here.
		}
	}

	private static void write(Path file, PemObject object) throws IOException {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
				JcaPEMWriter pem = new JcaPEMWriter(out)) {
			pem.writeObject(object);
		}
	}

	private static Object parse(Path file) {
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
			Object object = parser.readObject();
			if (object == null) {
				throw new KeyLoadingException(file + ": no PEM object found");
			}
			return object;
		}
		catch (NoSuchFileException ex) {
			throw new KeyLoadingException(file + ": missing");
		}
		catch (IOException ex) {
			throw new KeyLoadingException(file + ": cannot be read (" + ex + ")");
		}
	}

}
