package vn.thanglong.id.scim;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A database failure that a retry gets past is a SCIM error, never a 500. */
class ScimExceptionHandlerTest {

	@Test
	void whenAConcurrentWriteHeldALockThenServiceUnavailableWithRetryAfter() {
		ResponseEntity<byte[]> answer = new ScimExceptionHandler()
			.transientFailure(new CannotAcquireLockException("Timeout trying to lock table"));

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		String body = new String(answer.getBody(), StandardCharsets.UTF_8);
		assertThat(body).contains("urn:ietf:params:scim:api:messages:2.0:Error").contains("\"503\"")
			.doesNotContain("lock table");
	}

}
