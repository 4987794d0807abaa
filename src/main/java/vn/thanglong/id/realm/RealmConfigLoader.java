package vn.thanglong.id.realm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * placeholders of sufficient length outside demo realms, and a client obeys
 * {@link ClientRules} (the same rules the admin API applies at run time). Every problem stops the start with a message naming the file, the
 * field and the problem.
 */
final class RealmConfigLoader {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

	/** 32 characters of a random secret carry well over 128 bits (RFC 6749 section 10.10). */
	private static final int MIN_SECRET_LENGTH = 32;

	private static final TypeReference<Map<String, @Nullable Object>> CLAIMS = new TypeReference<>() {
	};

	private final UnaryOperator<@Nullable String> environment;

	private final JsonMapper json;

	private final RealmConfigSchema schema;

	private final ClientRules rules;

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
		this.rules = new ClientRules(json, this.schema, SectorIdentifiers.forFiles(json));
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
		ConfigFields root = read(file, this.schema::checkRealm);
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
		for (ConfigFields user : root.objects("users")) {
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
		Map<Path, ClientDefinition> byFile = new LinkedHashMap<>();
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
				byFile.put(clientFile, client.definition());
			}
		}
		byFile.forEach((clientFile, client) -> client.introspectsTokensOf().stream()
			.filter((introspected) -> !clientIds.contains(introspected))
			.findFirst()
			.ifPresent((unknown) -> {
				// a permission waiting for whichever client is later given that id, at run time too
				throw new RealmConfigException(clientFile.toString(), "introspectsTokensOf",
						"'" + unknown + "' is no client of this realm's files");
			}));
		return new RealmDefinition(name, displayNames, demo, pkceForAll, clients, users);
	}

	private Map<String, Object> claims(ConfigFields user) {
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
		ConfigFields node = read(file, this.schema::checkClient);
		return this.rules.parse(node, demo, this::resolve, (fields) -> secret(fields, demo));
	}

	/** Outside demo realms a secret is an {@code ${ENV_VAR}} placeholder of a long enough value. */
	private Secret secret(ConfigFields node, boolean demo) {
		String raw = node.string("secret");
		if (!demo && !PLACEHOLDER.matcher(raw).matches()) {
			node.fail("secret", "must be an ${ENV_VAR} placeholder outside demo realms");
		}
		String value = resolve(node, "secret", raw);
		if (!demo && value.length() < MIN_SECRET_LENGTH) {
			node.fail("secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
		}
		return new Secret(value);
	}

	/** Replaces {@code ${NAME}} and {@code ${NAME:default}} with the environment's value. */
	private String resolve(ConfigFields node, String field, String raw) {
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
	private ConfigFields read(Path file, BiConsumer<String, JsonNode> schemaCheck) {
		JsonNode document = readYaml(file);
		schemaCheck.accept(file.toString(), document);
		return new ConfigFields(file.toString(), "", document);
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

}
