package vn.thanglong.id;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;


/**
 * Capability boundaries (architecture.md): no cycles between capabilities, and only the
 * {@code oidc} capability touches the authorization server's types.
 */
class ModularityTest {

	private final ApplicationModules modules = ApplicationModules.of(ThangLongIdApplication.class);

	@Test
	void whenModulesAreAnalysedThenNoCyclesOrInternalAccess() {
		this.modules.verify();
	}

	@Test
	void whenAnyCapabilityButOidcIsAnalysedThenItUsesNoAuthorizationServerType() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("vn.thanglong.id");
		ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("vn.thanglong.id.oidc..")
			.should().dependOnClassesThat().resideInAPackage("org.springframework.security.oauth2.server.authorization..")
			.check(classes);
	}

}
