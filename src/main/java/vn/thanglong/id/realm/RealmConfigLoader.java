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
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates {@code realm-config/<realm>/realm.yaml} and
 * {@code realm-config/<realm>/clients/*.yaml}. Each file is first checked against its JSON
 * Schema ({@link RealmConfigSchema}: field names, types, enumerations, patterns and the
 * rules between fields), then against the rules a schema cannot express: the realm name
 * equals its folder, names are unique, {@code ${ENV_VAR}} placeholders resolve, secrets are
 * placeholders of sufficient length outside demo realms, redirect URIs are safe, ISO-8601
 * lifetimes are in range. Every problem stops the start with a message naming the file, the
 * field and the problem.
 */
final class RealmConfigLoader {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private static final List<String> DEFAULT_GRANT_TYPES = List.of("authorization_code", "refresh_token");

	private static final List<String> DEFAULT_CODE_FLOW_SCOPES = List.of("openid", "profile");

	/** RFC 6749 section 4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED." */
	private static final Duration MAX_CODE_LIFETIME = Duration.ofMinutes(10);

	/** 32 characters of a random secret carry well over 128 bits (RFC 6749 section 10.10). */
	private static final int MIN_SECRET_LENGTH = 32;

	private static final String LIFETIME_PROBLEM = "must be a positive number of seconds or an ISO-8601 duration "
			+ "such as PT5M";

	private static final TypeReference<Map<String, @Nullable Object>> CLAIMS = new TypeReference<>() {
	};

	private final UnaryOperator<@Nullable String> environment;

	private final JsonMapper json;

	private final RealmConfigSchema schema;

	private final SectorIdentifiers sectors;

	/**
	 * @param environment looks up {@code ${NAME}} placeholders (environment variables and
	 * system properties); answers null when the name is not set
	 */
	RealmConfigLoader(UnaryOperator<@Nullable String> environment) {
		this(environment, JsonMapper.builder().build());
	}

	private RealmConfigLoader(UnaryOperator<@Nullable String> environment, JsonMapper json) {
		this.environment = Objects.requireNonNull(environment, "environment");
		this.json = json;
		this.schema = RealmConfigSchema.fromClasspath(json);
		this.sectors = new SectorIdentifiers(json);
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
		Fields root = read(file, this.schema::checkRealm);
		String name = root.string("name");
		String folder = String.valueOf(dir.getFileName());
		if (!name.equals(folder)) {
			root.fail("name", "must equal the folder name '" + folder + "'");
		}
		boolean demo = root.bool("demo", false);
		Map<String, String> displayNames = new LinkedHashMap<>();
		displayNames.put("vi", root.string("displayName", name));
		displayNames.put("en", root.string("displayNameEn", displayNames.get("vi")));
		boolean pkceForAll = root.bool("pkceRequiredForAllClients", true);
		List<RealmDefinition.ConfiguredUser> users = new ArrayList<>();
		Set<String> usernames = new HashSet<>();
		for (Fields user : root.objects("users")) {
			String username = user.string("username");
			if (!usernames.add(username.toLowerCase(Locale.ROOT))) {
				user.fail("username", "'" + username + "' is declared twice");
			}
			String password = resolve(user, "password", user.string("password"));
			users.add(new RealmDefinition.ConfiguredUser(new UserDefinition(username, claims(user)),
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

	private Map<String, Object> claims(Fields user) {
		JsonNode claims = user.get("claims");
		if (claims == null) {
			return Map.of();
		}
		Map<String, @Nullable Object> values = this.json.convertValue(claims, CLAIMS);
		Map<String, Object> out = new LinkedHashMap<>();
		values.forEach((claim, value) -> {
			if (value != null) {
				out.put(claim, value);
			}
		});
		return out;
	}

	private RealmDefinition.ConfiguredClient loadClient(Path file, boolean demo) {
		Fields node = read(file, this.schema::checkClient);
		String clientId = node.string("clientId");
		String authMethodName = node.string("authMethod", ClientAuthMethod.CLIENT_SECRET_BASIC.value());
		ClientAuthMethod authMethod = ClientAuthMethod.of(authMethodName)
			.orElseThrow(() -> node.failure("authMethod", "is not supported: " + RealmConfigSchema.quote(authMethodName)));
		Set<String> grantTypes = new LinkedHashSet<>(node.strings("grantTypes", DEFAULT_GRANT_TYPES));
		Secret secret = null;
		if (authMethod.usesSecret()) {
			String raw = node.string("secret");
			if (!demo && !PLACEHOLDER.matcher(raw).matches()) {
				node.fail("secret", "must be an ${ENV_VAR} placeholder outside demo realms");
			}
			String value = resolve(node, "secret", raw);
			if (!demo && value.length() < MIN_SECRET_LENGTH) {
				node.fail("secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
			}
			secret = new Secret(value);
		}
		String jwksUri = null;
		if (node.has("jwksUri")) {
			jwksUri = resolve(node, "jwksUri", node.string("jwksUri"));
			requireHttpsUri(node, "jwksUri", jwksUri, demo);
		}
		String jwks = node.has("jwks") ? jwks(node) : null;
		List<String> redirectUris = node.strings("redirectUris", List.of());
		for (int i = 0; i < redirectUris.size(); i++) {
			requireRedirectUri(node, "redirectUris[" + i + "]", redirectUris.get(i), demo);
		}
		List<String> postLogout = node.strings("postLogoutRedirectUris", List.of());
		for (int i = 0; i < postLogout.size(); i++) {
			requireRedirectUri(node, "postLogoutRedirectUris[" + i + "]", postLogout.get(i), demo);
		}
		Set<String> scopes = new LinkedHashSet<>(node.strings("scopes",
				grantTypes.contains("authorization_code") ? DEFAULT_CODE_FLOW_SCOPES : List.of()));
		String alg = node.string("idTokenSignedResponseAlg", "RS256");
		Duration code = lifetime(node, "authorizationCodeLifetime", Duration.ofMinutes(1));
		if (code.compareTo(MAX_CODE_LIFETIME) > 0) {
			node.fail("authorizationCodeLifetime", "must not exceed 10 minutes (RFC 6749 section 4.1.2); was "
					+ RealmConfigSchema.quote(node.text("authorizationCodeLifetime")));
		}
		String subjectType = node.string("subjectType", ClientDefinition.PAIRWISE);
		String sectorIdentifierUri = null;
		if (node.has("sectorIdentifierUri")) {
			sectorIdentifierUri = node.string("sectorIdentifierUri");
			requireHttpsUri(node, "sectorIdentifierUri", sectorIdentifierUri, demo);
			checkSector(node, sectorIdentifierUri, redirectUris);
		}
		ClientDefinition definition = new ClientDefinition(clientId, node.string("name", clientId), authMethod,
				redirectUris, postLogout, grantTypes, scopes, node.bool("consentRequired", true), alg,
				lifetime(node, "accessTokenLifetime", Duration.ofMinutes(5)),
				lifetime(node, "refreshTokenLifetime", Duration.ofHours(8)), code,
				lifetime(node, "idTokenLifetime", Duration.ofMinutes(5)), jwksUri, jwks, subjectType,
				sectorIdentifierUri, node.has("adminUnit") ? node.string("adminUnit") : null);
		if (ClientDefinition.PAIRWISE.equals(subjectType) && sectorIdentifierUri == null
				&& definition.redirectHosts().size() > 1) {
			// OIDC Core section 8.1: otherwise the sector of the client would be ambiguous
			node.fail("sectorIdentifierUri", "is required: the redirect URIs are on several hosts "
					+ definition.redirectHosts() + " and the client has pairwise subjects");
		}
		return new RealmDefinition.ConfiguredClient(definition, secret);
	}

	/** OIDC Core section 8.1: the document at the sector identifier URI lists every redirect URI. */
	private void checkSector(Fields node, String uri, List<String> redirectUris) {
		List<String> listed;
		try {
			listed = this.sectors.fetch(uri);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw node.failure("sectorIdentifierUri", "cannot be used: " + RealmConfigSchema.quote(uri) + " "
					+ ex.getMessage());
		}
		for (String redirect : redirectUris) {
			if (!listed.contains(redirect)) {
				node.fail("sectorIdentifierUri", "does not list the redirect URI " + RealmConfigSchema.quote(redirect)
						+ " (OIDC Core section 8.1)");
			}
		}
	}

	/** The client's JWK Set (RFC 7517 section 5) as JSON text, from a mapping or from JSON text. */
	private String jwks(Fields node) {
		JsonNode value = Objects.requireNonNull(node.get("jwks"));
		JsonNode set = value;
		if (value.isString()) {
			try {
				set = this.json.readTree(value.asString());
			}
			catch (JacksonException ex) {
				throw node.failure("jwks", "is not valid JSON: " + ex.getOriginalMessage());
			}
			if (set == null || !set.isObject() || !set.path("keys").isArray()) {
				throw node.failure("jwks", "must be a JWK Set (a mapping with 'keys') or its JSON text");
			}
		}
		return this.json.writeValueAsString(set);
	}

	/** Lifetimes are whole seconds or ISO-8601 durations; the schema has checked the form. */
	private static Duration lifetime(Fields node, String name, Duration fallback) {
		JsonNode value = node.get(name);
		if (value == null) {
			return fallback;
		}
		Duration duration;
		try {
			duration = value.isIntegralNumber() ? Duration.ofSeconds(value.longValue())
					: Duration.parse(value.asString());
		}
		catch (DateTimeParseException | ArithmeticException | IllegalArgumentException | JacksonException ex) {
			throw node.failure(name, LIFETIME_PROBLEM + "; was " + RealmConfigSchema.quote(value.asString()));
		}
		if (duration.isNegative() || duration.isZero()) {
			node.fail(name, LIFETIME_PROBLEM + "; was " + RealmConfigSchema.quote(value.asString()));
		}
		return duration;
	}

	/** Redirection endpoint rules of RFC 6749 section 3.1.2 and RFC 8252 sections 7.1 and 8.3. */
	private static void requireRedirectUri(Fields node, String field, String value, boolean demo) {
		URI uri = parseAbsolute(node, field, value);
		if (uri.getRawFragment() != null) {
			node.fail(field, "must not contain a fragment (RFC 6749 section 3.1.2)");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if ("http".equals(scheme) || "https".equals(scheme)) {
			if (uri.getHost() == null) {
				node.fail(field, "must name a host");
			}
			if ("http".equals(scheme) && !demo && !isLoopback(uri)) {
				node.fail(field, "http is only allowed for loopback hosts (localhost, 127.0.0.1, [::1]) outside "
						+ "demo realms; use https (RFC 8252 section 8.3)");
			}
		}
		else if (!scheme.contains(".")) {
			node.fail(field, "a custom scheme must be a reverse domain name such as vn.gov.hanoi.app "
					+ "(RFC 8252 section 7.1)");
		}
	}

	private static void requireHttpsUri(Fields node, String field, String value, boolean demo) {
		URI uri = parseAbsolute(node, field, value);
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !(demo || isLoopback(uri))) {
			node.fail(field, "must be an https URI");
		}
	}

	private static URI parseAbsolute(Fields node, String field, String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw node.failure(field, "is not a valid URI: " + ex.getReason() + "; was " + RealmConfigSchema.quote(value));
		}
		if (!uri.isAbsolute()) {
			node.fail(field, "must be an absolute URI; was " + RealmConfigSchema.quote(value));
		}
		return uri;
	}

	private static boolean isLoopback(URI uri) {
		String host = uri.getHost();
		return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
	}

	/** Replaces {@code ${NAME}} and {@code ${NAME:default}} with the environment's value. */
	private String resolve(Fields node, String field, String raw) {
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
		if (out.isEmpty()) {
			node.fail(field, "resolves to an empty value");
		}
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

	/** Parses a file, checks it against its schema and answers its top-level fields. */
	private Fields read(Path file, BiConsumer<String, JsonNode> schemaCheck) {
		JsonNode document = readYaml(file);
		schemaCheck.accept(file.toString(), document);
		return new Fields(file.toString(), "", document);
	}

	private JsonNode readYaml(Path file) {
		Object document;
		try (InputStream in = Files.newInputStream(file)) {
			document = yaml().load(in);
		}
		catch (IOException ex) {
			throw new RealmConfigException(file.toString(), "", "cannot be read: " + ex.getMessage());
		}
		catch (YAMLException ex) {
			throw new RealmConfigException(file.toString(), "", "is not valid YAML: " + ex.getMessage());
		}
		if (!(document instanceof Map)) {
			throw new RealmConfigException(file.toString(), "", "must be a YAML mapping");
		}
		try {
			return this.json.valueToTree(document);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new RealmConfigException(file.toString(), "", "is not a plain YAML document: " + ex.getMessage());
		}
	}

	/**
	 * A safe YAML parser (no arbitrary types) that rejects duplicate keys, which would
	 * otherwise silently override each other, and keeps dates as text (a {@code birthdate}
	 * is {@code YYYY-MM-DD}, not a timestamp), as Spring Boot does for application.yaml.
	 */
	private static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		DumperOptions dumper = new DumperOptions();
		return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options,
				new NoTimestampResolver());
	}

	private static final class NoTimestampResolver extends Resolver {

		@Override
		public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
			if (tag != Tag.TIMESTAMP) {
				super.addImplicitResolver(tag, regexp, first, limit);
			}
		}

	}

	/**
	 * A YAML mapping already checked against its schema, with the path that leads to it
	 * for error messages.
	 */
	private record Fields(String file, String path, JsonNode values) {

		String field(String name) {
			return this.path.isEmpty() ? name : this.path + "." + name;
		}

		@Nullable JsonNode get(String name) {
			JsonNode value = this.values.get(name);
			return (value == null || value.isNull()) ? null : value;
		}

		boolean has(String name) {
			return get(name) != null;
		}

		RealmConfigException failure(String name, String problem) {
			return new RealmConfigException(this.file, field(name), problem);
		}

		void fail(String name, String problem) {
			throw failure(name, problem);
		}

		/** A field the schema requires. */
		String string(String name) {
			JsonNode value = get(name);
			if (value == null || !value.isString()) {
				throw failure(name, "is required");
			}
			return value.asString();
		}

		String string(String name, String fallback) {
			JsonNode value = get(name);
			return (value != null) ? value.asString() : fallback;
		}

		String text(String name) {
			JsonNode value = get(name);
			return (value != null) ? value.asString() : "";
		}

		boolean bool(String name, boolean fallback) {
			JsonNode value = get(name);
			return (value != null) ? value.asBoolean() : fallback;
		}

		List<String> strings(String name, List<String> fallback) {
			JsonNode value = get(name);
			if (value == null) {
				return fallback;
			}
			List<String> out = new ArrayList<>();
			value.forEach((item) -> out.add(item.asString()));
			return out;
		}

		List<Fields> objects(String name) {
			JsonNode value = get(name);
			if (value == null) {
				return List.of();
			}
			List<Fields> out = new ArrayList<>();
			for (int i = 0; i < value.size(); i++) {
				out.add(new Fields(this.file, field(name + "[" + i + "]"), value.get(i)));
			}
			return out;
		}

	}

}
