package vn.thanglong.id;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import vn.thanglong.id.keys.CryptoProviders;

/** Thang Long ID: an OpenID Connect provider for government identity federation. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ThangLongIdApplication {

	public static void main(String[] args) {
		// The JCA provider must be in place before any key is created or loaded.
		CryptoProviders.install();
		SpringApplication.run(ThangLongIdApplication.class, args);
	}

	/** The one source of time; tests replace it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
