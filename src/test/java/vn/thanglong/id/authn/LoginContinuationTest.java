package vn.thanglong.id.authn;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoginContinuationTest {

	private final MockHttpSession session = new MockHttpSession();

	private MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(this.session);
		return request;
	}

	@Test
	void whenTwoRequestsWaitForALoginThenEachIsResumedByItsOwnIdentifierOnce() {
		String first = LoginContinuation.remember(request(), "hanoi", "/realms/hanoi/oauth2/authorize?client_id=a");
		String second = LoginContinuation.remember(request(), "hanoi", "/realms/hanoi/oauth2/authorize?client_id=b");
		assertThat(LoginContinuation.identifier(first)).isEqualTo(first);
		assertThat(first).isNotEqualTo(second);

		assertThat(LoginContinuation.peek(request(), first)).contains("/realms/hanoi/oauth2/authorize?client_id=a");
		assertThat(LoginContinuation.take(request(), "hanoi", first)).contains("/realms/hanoi/oauth2/authorize?client_id=a");
		assertThat(LoginContinuation.take(request(), "hanoi", first)).as("once").isEmpty();
		assertThat(LoginContinuation.take(request(), "hanoi", second)).contains("/realms/hanoi/oauth2/authorize?client_id=b");
	}

	@Test
	void whenNoIdentifierIsGivenThenTheLastRememberedIsResumedAndAnotherRealmsNever() {
		LoginContinuation.remember(request(), "hanoi", "/realms/hanoi/oauth2/authorize?client_id=a");
		LoginContinuation.remember(request(), "hanoi", "/realms/hanoi/oauth2/authorize?client_id=b");
		assertThat(LoginContinuation.take(request(), "danang", null)).as("a path of another realm").isEmpty();
		assertThat(LoginContinuation.take(request(), "hanoi", null)).contains("/realms/hanoi/oauth2/authorize?client_id=a");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoginContinuation.remember(request(), "hanoi", "/realms/danang/oauth2/authorize"));
	}

	@Test
	void whenManyRequestsWaitThenOnlyTheNewestAreKept() {
		String oldest = LoginContinuation.remember(request(), "hanoi", "/realms/hanoi/oauth2/authorize?n=0");
		for (int i = 1; i <= LoginContinuation.MOST; i++) {
			LoginContinuation.remember(request(), "hanoi", "/realms/hanoi/oauth2/authorize?n=" + i);
		}
		assertThat(LoginContinuation.take(request(), "hanoi", oldest)).as("forgotten").isEmpty();
		assertThat(LoginContinuation.take(request(), "hanoi", null)).as("the newest")
			.contains("/realms/hanoi/oauth2/authorize?n=" + LoginContinuation.MOST);
		assertThat(LoginContinuation.identifier("not an identifier")).isNull();
		assertThat(LoginContinuation.identifier(null)).isNull();
	}

}
