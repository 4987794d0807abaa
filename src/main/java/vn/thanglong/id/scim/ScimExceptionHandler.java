package vn.thanglong.id.scim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import vn.thanglong.id.identity.IdentityConflictException;
import vn.thanglong.id.identity.IdentityNotFoundException;
import vn.thanglong.id.identity.IdentityValidationException;
import vn.thanglong.id.identity.StaffTransitionException;
import vn.thanglong.id.identity.StaleVersionException;
import vn.thanglong.id.identity.UnstorableText;

/**
 * Every failure of a SCIM endpoint as a SCIM error (RFC 7644 section 3.12), never a stack trace.
 * The identity model's field names are translated to the SCIM attributes they came from.
 */
@RestControllerAdvice(assignableTypes = ScimController.class)
final class ScimExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ScimExceptionHandler.class);

	@ExceptionHandler(ScimProblem.class)
	ResponseEntity<byte[]> problem(ScimProblem problem) {
		return respond(problem.status(), problem.scimType(), problem.detail());
	}

	/** The identity messages name the field and a fixed reason; they never repeat the value. */
	@ExceptionHandler(IdentityValidationException.class)
	ResponseEntity<byte[]> invalid(IdentityValidationException ex) {
		return respond(400, "invalidValue", attribute(ex.field()) + ": " + reason(ex.getMessage(), ex.field()));
	}

	@ExceptionHandler(IdentityConflictException.class)
	ResponseEntity<byte[]> conflict(IdentityConflictException ex) {
		return respond(409, "uniqueness", attribute(ex.field()) + " is already taken");
	}

	@ExceptionHandler(IdentityNotFoundException.class)
	ResponseEntity<byte[]> notFound(IdentityNotFoundException ex) {
		return respond(404, null, "no such " + ex.type());
	}

	@ExceptionHandler(StaleVersionException.class)
	ResponseEntity<byte[]> stale(StaleVersionException ex) {
		return respond(412, null, "the resource has changed since the version in If-Match");
	}

	@ExceptionHandler(StaffTransitionException.class)
	ResponseEntity<byte[]> transition(StaffTransitionException ex) {
		return respond(400, "invalidValue", "active: " + ex.getMessage());
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MissingRequestHeaderException.class })
	ResponseEntity<byte[]> unreadable(Exception ex) {
		return respond(400, "invalidSyntax", "the request cannot be read");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<byte[]> badParameter(MethodArgumentTypeMismatchException ex) {
		return respond(400, "invalidValue", ex.getName() + " has the wrong type");
	}

	/**
	 * A lock timeout or deadlock lost to a concurrent write: rolled back, so the same request sent
	 * again is expected to succeed (RFC 9110 section 15.6.4, {@code Retry-After} section 10.2.3).
	 */
	@ExceptionHandler(TransientDataAccessException.class)
	ResponseEntity<byte[]> transientFailure(TransientDataAccessException ex) {
		log.warn("SCIM write lost to a concurrent one: {}", ex.getClass().getSimpleName());
		return ResponseEntity.status(503)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(ScimJson.SCIM)
			.body(ScimJson.write(ScimJson.error(503, null, "a concurrent request held what this one needed; retry")));
	}

	/** A race lost to a concurrent write of the same unique value, or a text the database cannot store. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<byte[]> integrity(DataIntegrityViolationException ex) {
		if (UnstorableText.causedThe(ex)) {
			return respond(400, "invalidValue", "a text value holds a NUL character or is longer than its attribute allows");
		}
		log.info("SCIM write refused by a database constraint: {}", ex.getClass().getSimpleName());
		return respond(409, "uniqueness", "the request clashes with what is stored");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> unexpected(Exception ex) {
		log.error("SCIM request failed", ex);
		return respond(500, null, "internal error");
	}

	/** The SCIM attribute of an identity-model field ({@code fullName} came from {@code name}, ...). */
	static String attribute(String field) {
		return switch (field) {
			case "fullName" -> "name";
			case "email" -> "emails";
			case "phone" -> "phoneNumbers";
			case "position" -> "title";
			case "unitId" -> ScimJson.ENTERPRISE_USER + ":organization";
			case "personalIdNumber" -> ScimJson.PERSON_EXTENSION + ":personalIdNumber";
			default -> field;
		};
	}

	private static String reason(String message, String field) {
		String prefix = field + ": ";
		return message.startsWith(prefix) ? message.substring(prefix.length()) : "invalid value";
	}

	private static ResponseEntity<byte[]> respond(int status, @org.jspecify.annotations.Nullable String scimType,
			String detail) {
		return ResponseEntity.status(status).contentType(ScimJson.SCIM).body(ScimJson.write(ScimJson.error(status, scimType, detail)));
	}

}
