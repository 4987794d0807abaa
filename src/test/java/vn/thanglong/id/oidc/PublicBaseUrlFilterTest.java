package vn.thanglong.id.oidc;

import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PublicBaseUrlFilterTest {

	private final PublicBaseUrlFilter filter = new PublicBaseUrlFilter("https://id.example.test");

	/** Runs the filter with a chain that redirects the way {@code redirect} says; returns what the container got. */
	private MockHttpServletResponse redirected(Redirect redirect) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/realms/hanoi/account");
		request.setServerName("10.0.0.7");
		request.setServerPort(8080);
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain chain = (req, res) -> redirect.send((HttpServletResponse) res);
		this.filter.doFilter(request, response, chain);
		return response;
	}

	@Test
	void everyFormOfRedirectToAPathGoesToThePublicBaseUrl() throws Exception {
		List<Redirect> redirects = List.of((response) -> response.sendRedirect("/realms/hanoi/login"),
				(response) -> response.sendRedirect("/realms/hanoi/login", true),
				(response) -> response.sendRedirect("/realms/hanoi/login", 303),
				(response) -> response.sendRedirect("/realms/hanoi/login", 303, false));
		for (Redirect redirect : redirects) {
			assertThat(redirected(redirect).getRedirectedUrl()).isEqualTo("https://id.example.test/realms/hanoi/login");
		}
	}

	@Test
	void theRequestLooksAsIfItArrivedAtThePublicBaseUrl() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/realms/hanoi/account");
		StringBuilder seen = new StringBuilder();
		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen
			.append(((HttpServletRequest) req).getRequestURL())
			.append(' ')
			.append(req.isSecure()));
		assertThat(seen).hasToString("https://id.example.test/realms/hanoi/account true");
	}

	@Test
	void absoluteAndSchemeRelativeRedirectsAreLeftAlone() throws Exception {
		assertThat(redirected((response) -> response.sendRedirect("https://rp.example.test/cb", 303)).getRedirectedUrl())
			.isEqualTo("https://rp.example.test/cb");
		assertThat(redirected((response) -> response.sendRedirect("//rp.example.test/cb")).getRedirectedUrl())
			.isEqualTo("//rp.example.test/cb");
	}

	@FunctionalInterface
	private interface Redirect {

		void send(HttpServletResponse response) throws java.io.IOException;

	}

}
