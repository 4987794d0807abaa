package vn.thanglong.id.admin;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import vn.thanglong.id.identity.OverlappingMembershipException;

import static org.assertj.core.api.Assertions.assertThat;

/** Database failures in the admin API as problem documents, never a 500. */
class AdminProblemAdviceTest {

	private final AdminProblemAdvice advice = new AdminProblemAdvice();

	@Test
	void whenAConcurrentWriteHeldALockThenTemporarilyUnavailableWithRetryAfter() {
		for (TransientDataAccessException ex : List.of(new CannotAcquireLockException("lock timeout"),
				new PessimisticLockingFailureException("deadlock"), new QueryTimeoutException("Timeout trying to lock table"))) {
			ResponseEntity<Problem> answer = this.advice.transientFailure(ex);
			assertThat(answer.getStatusCode().value()).isEqualTo(503);
			assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			assertThat(answer.getHeaders().getContentType()).hasToString(Problem.MEDIA_TYPE);
			Problem problem = answer.getBody();
			assertThat(problem).isNotNull();
			assertThat(problem.type()).isEqualTo("urn:thanglong-id:problem:temporarily-unavailable");
			assertThat(problem.status()).isEqualTo(503);
			assertThat(problem.detail()).doesNotContain("lock table");
		}
	}

	@Test
	void whenAMembershipWouldOverlapAStoredOneThenConflictNamingTheFieldAndTheStoredMembership() {
		ResponseEntity<Problem> answer = this.advice.overlappingMembership(new OverlappingMembershipException("personId",
				"already has a membership of this organization in that period", "m-1"));

		assertThat(answer.getStatusCode().value()).isEqualTo(409);
		assertThat(answer.getHeaders().getContentType()).hasToString(Problem.MEDIA_TYPE);
		Problem problem = answer.getBody();
		assertThat(problem.type()).isEqualTo("urn:thanglong-id:problem:conflict");
		assertThat(problem.conflictsWith()).isEqualTo("m-1");
		assertThat(problem.errors()).containsExactly(
				new FieldProblem("personId", "already has a membership of this organization in that period"));
	}

	@Test
	void whenAConcurrentWriteTookTheUniqueValueThenConflict() {
		ResponseEntity<Problem> answer = this.advice.integrity(new DuplicateKeyException("duplicate"));
		assertThat(answer.getStatusCode().value()).isEqualTo(409);
		assertThat(answer.getBody().type()).isEqualTo("urn:thanglong-id:problem:conflict");
	}

}
