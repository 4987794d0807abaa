package vn.thanglong.id.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body of the admin API names only members of its request: an unknown one (a typo,
 * or {@code "status": "dissolved"} on a new organization) is 400 naming it, as the person and
 * client documents already were, instead of being dropped without a word while the write
 * succeeded. Checked against the request record's components, nested records included; a
 * body that is no JSON is left to the converter, which answers it as malformed.
 */
@RestControllerAdvice(basePackageClasses = StrictRequestBodies.class)
final class StrictRequestBodies extends RequestBodyAdviceAdapter {

	private final JsonMapper json;

	StrictRequestBodies(JsonMapper json) {
		this.json = json;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return targetType instanceof Class<?> type && type.isRecord();
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		byte[] body = input.getBody().readAllBytes();
		JsonNode tree;
		try {
			tree = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			tree = null;
		}
		List<FieldProblem> unknown = new ArrayList<>();
		if (tree != null) {
			collectUnknown(tree, (Class<?>) targetType, "", unknown);
		}
		if (!unknown.isEmpty()) {
			throw new AdminProblemException(ProblemType.INVALID_REQUEST, "The request has members it does not take.",
					unknown);
		}
		HttpHeaders headers = input.getHeaders();
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

	private static void collectUnknown(JsonNode node, Class<?> type, String prefix, List<FieldProblem> unknown) {
		if (!node.isObject() || !type.isRecord()) {
			return;
		}
		Map<String, RecordComponent> members = Arrays.stream(type.getRecordComponents())
			.collect(Collectors.toMap(RecordComponent::getName, (component) -> component));
		java.util.Collection<String> names = node.propertyNames();
		for (String name : names) {
			RecordComponent member = members.get(name);
			if (member == null) {
				unknown.add(new FieldProblem(prefix + name, "is not a member of this request"));
			}
			else {
				collectUnknown(node.get(name), member.getType(), prefix + name + ".", unknown);
			}
		}
	}

}
