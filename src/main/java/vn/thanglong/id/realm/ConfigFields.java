package vn.thanglong.id.realm;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A realm-config mapping (a YAML file, or an admin API request in the same shape) already
 * checked against its schema, with the source and the path that lead to it for error messages.
 */
record ConfigFields(String file, String path, JsonNode values) {

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

	List<ConfigFields> objects(String name) {
		JsonNode value = get(name);
		if (value == null) {
			return List.of();
		}
		List<ConfigFields> out = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			out.add(new ConfigFields(this.file, field(name + "[" + i + "]"), value.get(i)));
		}
		return out;
	}

}
