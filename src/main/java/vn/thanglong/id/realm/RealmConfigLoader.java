package vn.thanglong.id.realm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates {@code realm-config/<realm>/realm.yaml} and
 * {@code realm-config/<realm>/clients/*.yaml}. Every problem stops the start with a message
 * naming the file, the field and the problem. The accepted shape is also published as a
 * JSON Schema ({@code realm-config/realm.schema.json}) for editors.
 */
final class RealmConfigLoader {

	private static final Pattern REALM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

	private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");

	private static final Set<String> SIGNING_ALGS = Set.of("RS256", "ES256");

	private static final Set<String> REALM_FIELDS = Set.of("name", "displayName", "displayNameEn", "demo",
			"pkceRequiredForAllClients", "users");

	private static final Set<String> USER_FIELDS = Set.of("username", "password", "claims");

	private static final Set<String> CLIENT_FIELDS = Set.of("clientId", "name", "secret", "authMethod",
			"redirectUris", "postLogoutRedirectUris", "grantTypes", "scopes", "consentRequired",
			"idTokenSignedResponseAlg", "accessTokenLifetime", "refreshTokenLifetime", "authorizationCodeLifetime",
			"idTokenLifetime", "jwksUri", "jwks");

	private static final Duration MAX_CODE_LIFETIME = Duration.ofMinutes(10);

	private final UnaryOperator<@Nullable String> environment;

	/**
	 * @param environment looks up {@code ${NAME}} placeholders (environment variables and
	 * system properties); answers null when the name is not set
	 */
	RealmConfigLoader(UnaryOperator<@Nullable String> environment) {
		this.environment = environment;
	}

	List<RealmDefinition> load(Collection<Path> roots) {
		List<RealmDefinition> realms = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Path root : roots) {
			if (!Files.isDirectory(root)) {
				throw new RealmConfigException(root.toString(), "", "is not a directory");
			}
			for (Path dir : list(root)) {
				Path realmFile = dir.resolve("realm.yaml");
				if (!Files.isDirectory(dir) || !Files.isRegularFile(realmFile)) {
					continue;
				}
				RealmDefinition realm = loadRealm(dir, realmFile);
				if (!seen.add(realm.name())) {
					throw new RealmConfigException(realmFile.toString(), "name",
							"realm '" + realm.name() + "' is defined twice");
				}
				realms.add(realm);
			}
		}
		return realms;
	}

	private RealmDefinition loadRealm(Path dir, Path file) {
		Node root = Node.root(file.toString(), readYaml(file));
		root.allowOnly(REALM_FIELDS);
		String name = root.requiredString("name");
		if (!REALM_NAME.matcher(name).matches()) {
			root.fail("name", "must be 1-64 lower-case letters, digits or '-'");
		}
		if (!name.equals(dir.getFileName().toString())) {
			root.fail("name", "must equal the folder name '" + dir.getFileName() + "'");
		}
		boolean demo = root.optionalBoolean("demo", false);
		Map<String, String> displayNames = new LinkedHashMap<>();
		displayNames.put("vi", root.optionalString("displayName", name));
		displayNames.put("en", root.optionalString("displayNameEn", displayNames.get("vi")));
		boolean pkceForAll = root.optionalBoolean("pkceRequiredForAllClients", true);
		List<RealmDefinition.ConfiguredUser> users = new ArrayList<>();
		List<Node> userNodes = root.optionalList("users");
		if (!userNodes.isEmpty() && !demo) {
			root.fail("users", "only a demo realm ('demo: true') may declare users");
		}
		Set<String> usernames = new HashSet<>();
		for (Node user : userNodes) {
			user.allowOnly(USER_FIELDS);
			String username = user.requiredString("username");
			if (username.isBlank() || username.length() > 200) {
				user.fail("username", "must be 1-200 characters");
			}
			if (!usernames.add(username.toLowerCase(Locale.ROOT))) {
				user.fail("username", "'" + username + "' is declared twice");
			}
			String password = resolve(user, "password", user.requiredString("password"));
			users.add(new RealmDefinition.ConfiguredUser(new UserDefinition(username, user.optionalMap("claims")),
					new Secret(password)));
		}
		List<RealmDefinition.ConfiguredClient> clients = new ArrayList<>();
		Path clientsDir = dir.resolve("clients");
		Set<String> clientIds = new HashSet<>();
		if (Files.isDirectory(clientsDir)) {
			for (Path clientFile : list(clientsDir)) {
				String fileName = clientFile.getFileName().toString();
				if (!fileName.endsWith(".yaml") && !fileName.endsWith(".yml")) {
					continue;
				}
				RealmDefinition.ConfiguredClient client = loadClient(clientFile, demo);
				if (!clientIds.add(client.definition().clientId())) {
					throw new RealmConfigException(clientFile.toString(), "clientId",
							"'" + client.definition().clientId() + "' is already used by another client of this realm");
				}
				clients.add(client);
			}
		}
		return new RealmDefinition(name, displayNames, demo, pkceForAll, clients, users);
	}

	private RealmDefinition.ConfiguredClient loadClient(Path file, boolean demo) {
		Node node = Node.root(file.toString(), readYaml(file));
		node.allowOnly(CLIENT_FIELDS);
		String clientId = node.requiredString("clientId");
		if (!CLIENT_ID.matcher(clientId).matches()) {
			node.fail("clientId", "must be 1-200 characters of letters, digits, '.', '_', ':' or '-'");
		}
		String authMethodName = node.optionalString("authMethod", "client_secret_basic");
		ClientAuthMethod authMethod = ClientAuthMethod.of(authMethodName)
			.orElseThrow(() -> node.failure("authMethod", "must be one of client_secret_basic, client_secret_post, "
					+ "private_key_jwt, none; was '" + authMethodName + "'"));
		Set<String> grantTypes = new LinkedHashSet<>(node.optionalStrings("grantTypes",
				List.of("authorization_code", "refresh_token")));
		for (String grantType : grantTypes) {
			if (!GRANT_TYPES.contains(grantType)) {
				node.fail("grantTypes", "unsupported grant type '" + grantType + "'");
			}
		}
		if (authMethod == ClientAuthMethod.NONE && grantTypes.contains("client_credentials")) {
			node.fail("grantTypes", "a public client (authMethod: none) cannot use client_credentials");
		}
		Secret secret = null;
		if (authMethod.usesSecret()) {
			String raw = node.requiredString("secret");
			if (!demo && !PLACEHOLDER.matcher(raw).matches()) {
				node.fail("secret", "must be an ${ENV_VAR} placeholder outside demo realms");
			}
			String value = resolve(node, "secret", raw);
			if (!demo && value.length() < 32) {
				node.fail("secret", "must be at least 32 characters");
			}
			secret = new Secret(value);
		}
		else if (node.has("secret")) {
			node.fail("secret", "is only allowed with client_secret_basic or client_secret_post");
		}
		String jwksUri = node.optionalString("jwksUri", null);
		String jwks = null;
		if (node.has("jwks")) {
			jwks = node.jsonOf("jwks");
		}
		if (authMethod == ClientAuthMethod.PRIVATE_KEY_JWT && jwksUri == null && jwks == null) {
			node.fail("jwksUri", "private_key_jwt needs jwksUri or jwks");
		}
		if (jwksUri != null) {
			requireHttpsUri(node, "jwksUri", resolve(node, "jwksUri", jwksUri), demo);
		}
		List<String> redirectUris = node.optionalStrings("redirectUris", List.of());
		if (grantTypes.contains("authorization_code") && redirectUris.isEmpty()) {
			node.fail("redirectUris", "at least one redirect URI is needed for authorization_code");
		}
		for (int i = 0; i < redirectUris.size(); i++) {
			requireRedirectUri(node, "redirectUris[" + i + "]", redirectUris.get(i), demo);
		}
		List<String> postLogout = node.optionalStrings("postLogoutRedirectUris", List.of());
		for (int i = 0; i < postLogout.size(); i++) {
			requireRedirectUri(node, "postLogoutRedirectUris[" + i + "]", postLogout.get(i), demo);
		}
		Set<String> scopes = new LinkedHashSet<>(node.optionalStrings("scopes",
				grantTypes.contains("authorization_code") ? List.of("openid", "profile") : List.of()));
		for (String scope : scopes) {
			if (!SCOPE_TOKEN.matcher(scope).matches()) {
				node.fail("scopes", "'" + scope + "' is not a valid scope token (RFC 6749 section 3.3)");
			}
		}
		String alg = node.optionalString("idTokenSignedResponseAlg", "RS256");
		if (!SIGNING_ALGS.contains(alg)) {
			node.fail("idTokenSignedResponseAlg", "must be RS256 or ES256; was '" + alg + "'");
		}
		Duration code = node.optionalDuration("authorizationCodeLifetime", Duration.ofMinutes(1));
		if (code.compareTo(MAX_CODE_LIFETIME) > 0) {
			node.fail("authorizationCodeLifetime", "must not exceed 10 minutes (RFC 6749 section 4.1.2)");
		}
		ClientDefinition definition = new ClientDefinition(clientId, node.optionalString("name", clientId),
				authMethod, redirectUris, postLogout, grantTypes, scopes, node.optionalBoolean("consentRequired", true),
				alg, node.optionalDuration("accessTokenLifetime", Duration.ofMinutes(5)),
				node.optionalDuration("refreshTokenLifetime", Duration.ofHours(8)), code,
				node.optionalDuration("idTokenLifetime", Duration.ofMinutes(5)), jwksUri, jwks);
		return new RealmDefinition.ConfiguredClient(definition, secret);
	}

	private static void requireRedirectUri(Node node, String field, String value, boolean demo) {
		URI uri = parseAbsolute(node, field, value);
		if (uri.getFragment() != null) {
			node.fail(field, "must not contain a fragment (RFC 6749 section 3.1.2)");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if ("http".equals(scheme) && !demo && !isLoopback(uri)) {
			node.fail(field, "http is only allowed for loopback addresses; use https");
		}
		if (!"http".equals(scheme) && !"https".equals(scheme) && !scheme.contains(".")) {
			node.fail(field, "a custom scheme must be a reverse domain name (RFC 8252 section 7.1)");
		}
	}

	private static void requireHttpsUri(Node node, String field, String value, boolean demo) {
		URI uri = parseAbsolute(node, field, value);
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !(demo || isLoopback(uri))) {
			node.fail(field, "must be an https URI");
		}
	}

	private static URI parseAbsolute(Node node, String field, String value) {
		try {
			URI uri = new URI(value);
			if (!uri.isAbsolute()) {
				node.fail(field, "must be an absolute URI; was '" + value + "'");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw node.failure(field, "is not a valid URI: " + ex.getReason());
		}
	}

	private static boolean isLoopback(URI uri) {
		String host = uri.getHost();
		return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
	}

	private String resolve(Node node, String field, String raw) {
		Matcher matcher = PLACEHOLDER.matcher(raw);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = this.environment.apply(matcher.group(1));
			if (value == null) {
				value = matcher.group(2);
			}
			if (value == null) {
				throw node.failure(field, "environment variable " + matcher.group(1) + " is not set");
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static List<Path> list(Path dir) {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.sorted().toList();
		}
		catch (IOException ex) {
			throw new RealmConfigException(dir.toString(), "", "cannot be read: " + ex.getMessage());
		}
	}

	private static Object readYaml(Path file) {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		try (InputStream in = Files.newInputStream(file)) {
			Object document = yaml.load(in);
			if (!(document instanceof Map)) {
				throw new RealmConfigException(file.toString(), "", "must be a YAML mapping");
			}
			return document;
		}
		catch (IOException ex) {
			throw new RealmConfigException(file.toString(), "", "cannot be read: " + ex.getMessage());
		}
		catch (YAMLException ex) {
			throw new RealmConfigException(file.toString(), "", "is not valid YAML: " + ex.getMessage());
		}
	}

	/** A YAML mapping with the path that leads to it, for error messages. */
	private record Node(String file, String path, Map<?, ?> values) {

		static Node root(String file, Object document) {
			return new Node(file, "", (Map<?, ?>) document);
		}

		String field(String name) {
			return this.path.isEmpty() ? name : this.path + "." + name;
		}

		boolean has(String name) {
			return this.values.get(name) != null;
		}

		void allowOnly(Set<String> fields) {
			for (Object key : this.values.keySet()) {
				if (!fields.contains(String.valueOf(key))) {
					fail(String.valueOf(key), "unknown field");
				}
			}
		}

		RealmConfigException failure(String name, String problem) {
			return new RealmConfigException(this.file, field(name), problem);
		}

		void fail(String name, String problem) {
			throw failure(name, problem);
		}

		String requiredString(String name) {
			String value = optionalString(name, null);
			if (value == null || value.isBlank()) {
				fail(name, "is required");
			}
			return value;
		}

		@Nullable String optionalString(String name, @Nullable String fallback) {
			Object value = this.values.get(name);
			if (value == null) {
				return fallback;
			}
			if (value instanceof Map || value instanceof List) {
				fail(name, "must be a string");
			}
			return String.valueOf(value);
		}

		boolean optionalBoolean(String name, boolean fallback) {
			Object value = this.values.get(name);
			if (value == null) {
				return fallback;
			}
			if (!(value instanceof Boolean bool)) {
				throw failure(name, "must be true or false");
			}
			return bool;
		}

		Duration optionalDuration(String name, Duration fallback) {
			Object value = this.values.get(name);
			if (value == null) {
				return fallback;
			}
			Duration duration;
			if (value instanceof Integer seconds) {
				duration = Duration.ofSeconds(seconds);
			}
			else {
				try {
					duration = Duration.parse(String.valueOf(value));
				}
				catch (DateTimeParseException ex) {
					throw failure(name, "must be seconds or an ISO-8601 duration such as PT5M; was '" + value + "'");
				}
			}
			if (duration.isNegative() || duration.isZero()) {
				fail(name, "must be positive");
			}
			return duration;
		}

		List<String> optionalStrings(String name, List<String> fallback) {
			Object value = this.values.get(name);
			if (value == null) {
				return fallback;
			}
			if (!(value instanceof List<?> list)) {
				throw failure(name, "must be a list of strings");
			}
			List<String> out = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				Object item = list.get(i);
				if (item == null || item instanceof Map || item instanceof List) {
					fail(name + "[" + i + "]", "must be a string");
				}
				out.add(String.valueOf(item));
			}
			return out;
		}

		List<Node> optionalList(String name) {
			Object value = this.values.get(name);
			if (value == null) {
				return List.of();
			}
			if (!(value instanceof List<?> list)) {
				throw failure(name, "must be a list");
			}
			List<Node> out = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				if (!(list.get(i) instanceof Map<?, ?> map)) {
					throw failure(name + "[" + i + "]", "must be a mapping");
				}
				out.add(new Node(this.file, field(name + "[" + i + "]"), map));
			}
			return out;
		}

		Map<String, Object> optionalMap(String name) {
			Object value = this.values.get(name);
			if (value == null) {
				return Map.of();
			}
			if (!(value instanceof Map<?, ?> map)) {
				throw failure(name, "must be a mapping");
			}
			Map<String, Object> out = new LinkedHashMap<>();
			map.forEach((k, v) -> {
				if (v != null) {
					out.put(String.valueOf(k), v);
				}
			});
			return out;
		}

		String jsonOf(String name) {
			Object value = this.values.get(name);
			if (value instanceof String text) {
				return text;
			}
			if (!(value instanceof Map)) {
				throw failure(name, "must be a JWK Set (a mapping with 'keys')");
			}
			return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(value);
		}

	}

}
