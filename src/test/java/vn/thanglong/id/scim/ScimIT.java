package vn.thanglong.id.scim;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.identity.StaffIdFormat;
import vn.thanglong.id.identity.StaffLifecycle;
import vn.thanglong.id.identity.StaffStatus;
import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.thanglong.id.support.RawHttp.describe;
import static vn.thanglong.id.support.RawHttp.json;

/**
 * SCIM 2.0 (RFC 7644) end to end: an agency's HR system provisions staff through UnboundID's SCIM 2
 * SDK client against the running provider, with a client_credentials token of scope {@code scim}.
 */
class ScimIT extends ProviderIT {

	static final String HR_SECRET = "hr-system-secret-for-tests-only-0123456789";

	/** The secrets of realm-config-e2e's {@code service} (e2e) and {@code web-app} (other) clients. */
	private static final String SERVICE_SECRET = "service-secret-for-tests-only-0123456789";

	private static final String OTHER_WEB_SECRET = "other-realm-web-app-secret-0123456789";

	private static final String PERSON = "urn:vn:thanglong:scim:schemas:extension:person:1.0:User";

	private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Unique per JVM: other ITs share the database and realm. */
	private static final String RUN = Integer.toString(10000 + RANDOM.nextInt(90000));

	private static final AtomicInteger SERIAL = new AtomicInteger(RANDOM.nextInt(500_000));

	private static final AtomicInteger UNIT = new AtomicInteger();

	@Autowired
	AgencyUnits units;

	@Autowired
	StaffLifecycle staff;

	private final RawHttp http = new RawHttp();

	private final List<Client> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(Client::close);
	}

	@Test
	void whenHrSystemCreatesUserThenPersonIsHiredWithValidStaffId() throws Exception {
		AgencyUnit unit = unit("Sở Nội vụ");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));

		UserResource created = scim.create("Users", user(prefix("hire") + "an", "Nguyễn Văn An", unit, idNumber()));

		EnterpriseUserExtension enterprise = created.getExtension(EnterpriseUserExtension.class);
		assertThat(new StaffIdFormat("TL", 8).isValid(enterprise.getEmployeeNumber())).as(enterprise.getEmployeeNumber())
			.isTrue();
		assertThat(enterprise.getOrganization()).isEqualTo(unit.code());
		assertThat(enterprise.getDepartment()).isEqualTo("Sở Nội vụ");
		assertThat(created.getActive()).isTrue();
		assertThat(created.getName().getFormatted()).isEqualTo("Nguyễn Văn An");
		assertThat(created.getEmails()).extracting(Email::getValue).containsExactly("an." + RUN + "@example.gov.vn");
		assertThat(created.getMeta().getVersion()).startsWith("W/");
		assertThat(created.getExtensionObjectNode().has(PERSON)).isFalse();
		assertThat(this.staff.findById(created.getId())).hasValueSatisfying(
				(record) -> assertThat(record.staffId()).isEqualTo(enterprise.getEmployeeNumber()));

		UserResource fetched = scim.retrieve("Users", created.getId(), UserResource.class);
		assertThat(fetched.getUserName()).isEqualTo(prefix("hire") + "an");
		assertThat(fetched.getExtension(EnterpriseUserExtension.class).getEmployeeNumber())
			.isEqualTo(enterprise.getEmployeeNumber());
		HttpResponse<String> raw = this.http.get(issuer("e2e") + "/scim/v2/Users/" + created.getId(),
				"Authorization", "Bearer " + token("e2e", hrSystem(), "scim"));
		assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/scim+json"));
		assertThat(raw.headers().firstValue("ETag")).hasValue(fetched.getMeta().getVersion());
		assertThat(raw.body()).doesNotContain("personalIdNumber");
	}

	@Test
	void whenUsersAreFilteredThenEachOperatorSelectsTheRightUsers() throws Exception {
		AgencyUnit unit = unit("Phòng Tổ chức");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		String p = prefix("filter");
		UserResource an = scim.create("Users", user(p + "an", "Nguyễn Văn An", unit, idNumber()));
		UserResource binh = scim.create("Users", user(p + "binh", "Trần Thị Bình", unit, idNumber()));
		UserResource cuong = scim.create("Users", user(p + "cuong", "Lê Văn Cường", unit, idNumber()));
		String mine = "userName sw \"" + p + "\"";

		assertThat(ids(scim, "userName eq \"" + p + "BINH\"")).containsExactly(binh.getId());
		assertThat(ids(scim, mine + " and name.formatted co \"Văn\"")).containsExactlyInAnyOrder(an.getId(), cuong.getId());
		assertThat(ids(scim, mine)).containsExactlyInAnyOrder(an.getId(), binh.getId(), cuong.getId());
		assertThat(ids(scim, mine + " and externalId pr")).containsExactlyInAnyOrder(an.getId(), binh.getId(),
				cuong.getId());
		assertThat(ids(scim, "userName eq \"" + p + "an\" or userName eq \"" + p + "cuong\""))
			.containsExactlyInAnyOrder(an.getId(), cuong.getId());
		assertThat(ids(scim, mine + " and userName gt \"" + p + "b\" and userName lt \"" + p + "c\""))
			.containsExactly(binh.getId());
		String staffId = cuong.getExtension(EnterpriseUserExtension.class).getEmployeeNumber();
		assertThat(ids(scim, ENTERPRISE + ":employeeNumber eq \"" + staffId + "\"")).containsExactly(cuong.getId());
		assertThat(ids(scim, mine + " and emails.value ew \"@nowhere.example\"")).isEmpty();
	}

	@Test
	void whenUsersAreSortedAndPagedThenPagesFollowTheOrder() throws Exception {
		AgencyUnit unit = unit("Phòng Kế hoạch");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		String p = prefix("sort");
		List<String> names = List.of("a", "b", "c");
		List<String> ids = new ArrayList<>();
		for (String name : names) {
			ids.add(scim.create("Users", user(p + name, "Phạm Văn " + name.toUpperCase(), unit, idNumber())).getId());
		}

		ListResponse<UserResource> first = scim.searchRequest("Users").filter("userName sw \"" + p + "\"")
			.sort("userName", SortOrder.DESCENDING).page(1, 2).invoke(UserResource.class);
		ListResponse<UserResource> second = scim.searchRequest("Users").filter("userName sw \"" + p + "\"")
			.sort("userName", SortOrder.DESCENDING).page(3, 2).invoke(UserResource.class);

		assertThat(first.getTotalResults()).isEqualTo(3);
		assertThat(first.getItemsPerPage()).isEqualTo(2);
		assertThat(first.getResources()).extracting(UserResource::getId).containsExactly(ids.get(2), ids.get(1));
		assertThat(second.getStartIndex()).isEqualTo(3);
		assertThat(second.getResources()).extracting(UserResource::getId).containsExactly(ids.get(0));
	}

	@Test
	void whenUsersAreFilteredByNameWithoutDiacriticsLastModifiedAndPresenceThenTheDatabaseSelectsThem()
			throws Exception {
		AgencyUnit unit = unit("Phòng Tài chính");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		String p = prefix("where");
		UserResource an = scim.create("Users", user(p + "an", "Nguyễn Văn An", unit, idNumber()));
		Thread.sleep(50);
		java.time.Instant mark = java.time.Instant.now();
		Thread.sleep(50);
		UserResource withoutEmail = user(p + "binh", "Trần Thị Bình", unit, idNumber());
		withoutEmail.setEmails(null);
		UserResource binh = scim.create("Users", withoutEmail);
		UserResource cuong = scim.create("Users", user(p + "cuong", "Lê Văn Cường", unit, idNumber()));
		String mine = "userName sw \"" + p + "\"";

		assertThat(ids(scim, mine + " and name.formatted co \"nguyen van\"")).containsExactly(an.getId());
		assertThat(ids(scim, mine + " and displayName eq \"LE VAN CUONG\"")).containsExactly(cuong.getId());
		assertThat(ids(scim, mine + " and meta.lastModified gt \"" + mark + "\""))
			.containsExactlyInAnyOrder(binh.getId(), cuong.getId());
		assertThat(ids(scim, mine + " and meta.lastModified lt \"" + mark + "\"")).containsExactly(an.getId());
		assertThat(ids(scim, mine + " and emails pr")).containsExactlyInAnyOrder(an.getId(), cuong.getId());
		assertThat(ids(scim, mine + " and not (emails pr)")).containsExactly(binh.getId());
		assertThat(ids(scim, mine + " and (name.formatted sw \"tran\" or meta.lastModified lt \"" + mark + "\")"))
			.containsExactlyInAnyOrder(an.getId(), binh.getId());
		assertThat(ids(scim, mine + " and emails[value co \"%\"]")).isEmpty();
		assertThat(ids(scim, mine + " and active eq true and groups.value eq \"" + unit.id() + "\""))
			.containsExactlyInAnyOrder(an.getId(), binh.getId(), cuong.getId());
	}

	@Test
	void whenMoreUsersMatchThanAPageHoldsThenStartIndexAndCountWalkThePagesAndTotalResultsCountsAll()
			throws Exception {
		AgencyUnit unit = unit("Phòng Đào tạo");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		String p = prefix("pages");
		List<String> ids = new ArrayList<>();
		for (String name : List.of("a", "b", "c", "d", "e")) {
			ids.add(scim.create("Users", user(p + name, "Đinh Văn " + name.toUpperCase(), unit, idNumber())).getId());
		}
		List<String> walked = new ArrayList<>();
		for (int start = 1; start <= 5; start += 2) {
			ListResponse<UserResource> page = scim.searchRequest("Users").filter("userName sw \"" + p + "\"")
				.sort("userName", SortOrder.ASCENDING).page(start, 2).invoke(UserResource.class);
			assertThat(page.getTotalResults()).isEqualTo(5);
			assertThat(page.getStartIndex()).isEqualTo(start);
			assertThat(page.getItemsPerPage()).isEqualTo((start == 5) ? 1 : 2);
			page.getResources().forEach((user) -> walked.add(user.getId()));
		}
		assertThat(walked).containsExactlyElementsOf(ids);

		ListResponse<UserResource> byName = scim.searchRequest("Users").filter("userName sw \"" + p + "\"")
			.sort("name.formatted", SortOrder.DESCENDING).page(1, 1).invoke(UserResource.class);
		assertThat(byName.getTotalResults()).isEqualTo(5);
		assertThat(byName.getResources()).extracting(UserResource::getId).containsExactly(ids.get(4));
		HttpResponse<String> countOnly = this.http.get(issuer("e2e") + "/scim/v2/Users?count=0&filter="
				+ RawHttp.urlEncode("userName sw \"" + p + "\""), "Authorization", "Bearer " + token("e2e", hrSystem(), "scim"));
		assertThat(json(countOnly)).containsEntry("totalResults", 5L).containsEntry("itemsPerPage", 0L);
	}

	@Test
	void whenFilterNamesAnAttributeWithoutAColumnThenInvalidFilter() throws Exception {
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));

		for (String filter : List.of("nickName eq \"an\"", "name.familyName eq \"Nguyễn\"",
				"emails[type eq \"work\"]", "meta.lastModified co \"2026\"")) {
			assertThatThrownBy(() -> scim.searchRequest("Users").filter(filter).invoke(UserResource.class))
				.as(filter)
				.isInstanceOfSatisfying(ScimException.class, (ex) -> {
					assertThat(ex.getScimError().getStatus()).isEqualTo(400);
					assertThat(ex.getScimError().getScimType()).isEqualTo("invalidFilter");
				});
		}
		assertThatThrownBy(() -> scim.searchRequest("Groups").filter("members pr").invoke(GroupResource.class))
			.isInstanceOfSatisfying(ScimException.class,
					(ex) -> assertThat(ex.getScimError().getScimType()).isEqualTo("invalidFilter"));
	}

	/**
	 * RFC 7644 section 3.5.2: a PATCH that names nothing writable is refused, not applied as a no-op
	 * (each of these answered 200 and changed nothing, or worse, for a part of the name).
	 */
	@Test
	void whenAPatchIsMalformedOrTargetsWhatCannotChangeThenRefusedAndNothingChanges() throws Exception {
		AgencyUnit unit = unit("Văn phòng");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		UserResource created = scim.create("Users", user(prefix("badpatch") + "em", "Đỗ Văn Em", unit, idNumber()));
		String uri = issuer("e2e") + "/scim/v2/Users/" + created.getId();
		String bearer = "Bearer " + token("e2e", hrSystem(), "scim");
		String op = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
		Map<String, String[]> refused = new java.util.LinkedHashMap<>();
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"nope\",\"value\":\"x\"}]}",
				new String[] { "invalidPath" });
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}",
				new String[] { "mutability" });
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\""
				+ ScimJson.ENTERPRISE_USER + ":employeeNumber\",\"value\":\"TL00000000\"}]}", new String[] { "mutability" });
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"name.familyName\",\"value\":\"X\"}]}",
				new String[] { "invalidPath" });
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}",
				new String[] { "invalidValue" });
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[{\"op\":\"remove\"}]}", new String[] { "noTarget" });
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[value eq\",\"value\":\"x\"}]}",
				new String[] { "invalidPath" });
		refused.put("{\"schemas\":[\"" + op + "\"],\"Operations\":[]}", new String[] { "invalidSyntax" });
		refused.put("{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}",
				new String[] { "invalidSyntax" });
		for (Map.Entry<String, String[]> patch : refused.entrySet()) {
			HttpResponse<String> response = this.http.send(java.net.http.HttpRequest.newBuilder(URI.create(uri))
				.header("Authorization", bearer)
				.header("Content-Type", "application/scim+json")
				.method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(patch.getKey()))
				.build());
			assertScimError(response, 400, patch.getValue()[0]);
		}
		UserResource after = scim.retrieve("Users", created.getId(), UserResource.class);
		assertThat(after.getName().getFormatted()).isEqualTo("Đỗ Văn Em");
		assertThat(after.getTitle()).isEqualTo("Chuyên viên");
		assertThat(after.getMeta().getVersion()).isEqualTo(created.getMeta().getVersion());
	}

	@Test
	void whenActiveIsPatchedFalseThenStaffIsSuspendedAndNameIsReplaced() throws Exception {
		AgencyUnit unit = unit("Văn phòng");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		UserResource created = scim.create("Users", user(prefix("patch") + "dung", "Đỗ Văn Dũng", unit, idNumber()));

		UserResource suspended = scim.modifyRequest("Users", created.getId())
			.replaceValue("active", false)
			.invoke(UserResource.class);
		assertThat(suspended.getActive()).isFalse();
		assertThat(this.staff.findById(created.getId()).orElseThrow().status()).isEqualTo(StaffStatus.SUSPENDED);

		UserResource renamed = scim.modifyRequest("Users", created.getId())
			.replaceValue("name", new Name().setFamilyName("Đỗ").setMiddleName("Thị").setGivenName("Dung"))
			.replaceValue("active", true)
			.invoke(UserResource.class);
		assertThat(renamed.getName().getFormatted()).isEqualTo("Đỗ Thị Dung");
		assertThat(renamed.getActive()).isTrue();
		assertThat(this.staff.findById(created.getId()).orElseThrow().status()).isEqualTo(StaffStatus.ACTIVE);

		UserResource withoutEmail = scim.modifyRequest("Users", created.getId())
			.removeValues("emails")
			.invoke(UserResource.class);
		assertThat(withoutEmail.getEmails()).isNullOrEmpty();
	}

	@Test
	void whenUserIsReplacedThenTitleAndUnitChangeAndStaleIfMatchIsRefused() throws Exception {
		AgencyUnit first = unit("Phòng Một");
		AgencyUnit second = unit("Phòng Hai");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		UserResource created = scim.create("Users", user(prefix("put") + "giang", "Hoàng Thị Giang", first, idNumber()));

		created.setTitle("Trưởng phòng");
		EnterpriseUserExtension moved = created.getExtension(EnterpriseUserExtension.class);
		moved.setOrganization(second.code());
		created.setExtension(moved);
		UserResource replaced = scim.replaceRequest(created).ifMatch().invoke();

		assertThat(replaced.getTitle()).isEqualTo("Trưởng phòng");
		assertThat(replaced.getExtension(EnterpriseUserExtension.class).getDepartment()).isEqualTo("Phòng Hai");
		assertThat(replaced.getMeta().getVersion()).isNotEqualTo(created.getMeta().getVersion());
		assertThat(this.staff.findById(created.getId()).orElseThrow().unitId()).isEqualTo(second.id());

		created.setTitle("Phó phòng");
		assertThatThrownBy(() -> scim.replaceRequest(created).ifMatch().invoke())
			.isInstanceOfSatisfying(ScimException.class,
					(ex) -> assertThat(ex.getScimError().getStatus()).isEqualTo(412));
		assertThatThrownBy(() -> scim.modifyRequest(created).ifMatch().replaceValue("title", "Phó phòng").invoke())
			.isInstanceOfSatisfying(ScimException.class,
					(ex) -> assertThat(ex.getScimError().getStatus()).isEqualTo(412));
		assertThat(scim.retrieve("Users", created.getId(), UserResource.class).getTitle()).isEqualTo("Trưởng phòng");
	}

	@Test
	void whenUserIsDeletedThenEmploymentEndsAndRecreatingRestoresTheStaffId() throws Exception {
		AgencyUnit unit = unit("Phòng Pháp chế");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		String number = idNumber();
		UserResource created = scim.create("Users", user(prefix("delete") + "hai", "Vũ Văn Hải", unit, number));
		String staffId = created.getExtension(EnterpriseUserExtension.class).getEmployeeNumber();

		scim.delete("Users", created.getId());

		UserResource after = scim.retrieve("Users", created.getId(), UserResource.class);
		assertThat(after.getActive()).isFalse();
		assertThat(this.staff.findById(created.getId()).orElseThrow().status()).isEqualTo(StaffStatus.TERMINATED);

		UserResource rehired = scim.create("Users", user(prefix("delete") + "hai", "Vũ Văn Hải", unit, number));
		assertThat(rehired.getId()).isEqualTo(created.getId());
		assertThat(rehired.getActive()).isTrue();
		assertThat(rehired.getExtension(EnterpriseUserExtension.class).getEmployeeNumber()).isEqualTo(staffId);
	}

	@Test
	void whenCreateClashesOrLacksAttributesThenScimErrorsNameTheAttribute() throws Exception {
		AgencyUnit unit = unit("Phòng Thanh tra");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		String p = prefix("errors");
		scim.create("Users", user(p + "khanh", "Ngô Văn Khánh", unit, idNumber()));

		assertThatThrownBy(() -> scim.create("Users", user(p + "KHANH", "Ngô Văn Khang", unit, idNumber())))
			.isInstanceOfSatisfying(ScimException.class, (ex) -> {
				assertThat(ex.getScimError().getStatus()).isEqualTo(409);
				assertThat(ex.getScimError().getScimType()).isEqualTo("uniqueness");
			});
		UserResource withoutNumber = user(p + "lan", "Lý Thị Lan", unit, idNumber());
		withoutNumber.getExtensionObjectNode().remove(PERSON);
		assertThatThrownBy(() -> scim.create("Users", withoutNumber))
			.isInstanceOfSatisfying(ScimException.class, (ex) -> {
				assertThat(ex.getScimError().getStatus()).isEqualTo(400);
				assertThat(ex.getScimError().getScimType()).isEqualTo("invalidValue");
				assertThat(ex.getScimError().getDetail()).contains("personalIdNumber");
			});
		// PostgreSQL stores no NUL in text: bad input (400), neither a 500 nor a uniqueness clash
		UserResource nul = user(p + "nul", "Mai Văn\u0000Nul", unit, idNumber());
		assertThatThrownBy(() -> scim.create("Users", nul))
			.isInstanceOfSatisfying(ScimException.class, (ex) -> {
				assertThat(ex.getScimError().getStatus()).isEqualTo(400);
				assertThat(ex.getScimError().getScimType()).isEqualTo("invalidValue");
			});
		// longer than the column: bad input as well, not a uniqueness clash
		UserResource overlong = user(p + "long" + "a".repeat(10_000), "Mai Văn Dài", unit, idNumber());
		overlong.setExternalId("hr-" + p + "long");
		overlong.setEmails(List.of(new Email().setValue("long." + RUN + "@example.gov.vn").setType("work").setPrimary(true)));
		assertThatThrownBy(() -> scim.create("Users", overlong))
			.isInstanceOfSatisfying(ScimException.class, (ex) -> {
				assertThat(ex.getScimError().getStatus()).isEqualTo(400);
				assertThat(ex.getScimError().getScimType()).isEqualTo("invalidValue");
			});
		UserResource badNumber = user(p + "minh", "Mai Văn Minh", unit, "000000000000");
		assertThatThrownBy(() -> scim.create("Users", badNumber))
			.isInstanceOfSatisfying(ScimException.class, (ex) -> {
				assertThat(ex.getScimError().getStatus()).isEqualTo(400);
				assertThat(ex.getScimError().getDetail()).contains("personalIdNumber").doesNotContain("000000000000");
			});
		assertThatThrownBy(() -> scim.retrieve("Users", "no-such-id", UserResource.class))
			.isInstanceOfSatisfying(ScimException.class,
					(ex) -> assertThat(ex.getScimError().getStatus()).isEqualTo(404));

		String bearer = "Bearer " + token("e2e", hrSystem(), "scim");
		HttpResponse<String> badJson = this.http.post(issuer("e2e") + "/scim/v2/Users", "application/scim+json",
				"{\"userName\": ".getBytes(StandardCharsets.UTF_8), "Authorization", bearer);
		assertScimError(badJson, 400, "invalidSyntax");
		// a member named twice: which one would count is anyone's guess (RFC 8259 section 4)
		HttpResponse<String> twice = this.http.post(issuer("e2e") + "/scim/v2/Users", "application/scim+json",
				("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.gov.vn\","
						+ "\"userName\":\"b@example.gov.vn\"}").getBytes(StandardCharsets.UTF_8), "Authorization", bearer);
		assertScimError(twice, 400, "invalidSyntax");
		HttpResponse<String> huge = this.http.post(issuer("e2e") + "/scim/v2/Users", "application/scim+json",
				("{\"userName\": \"c@example.gov.vn\"" + " ".repeat(1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8),
				"Authorization", bearer);
		assertScimError(huge, 413, null);
		// as the container decodes it, /%73cim is SCIM: the same limit, in SCIM's format
		HttpResponse<String> encoded = this.http.post(issuer("e2e") + "/%73cim/v2/Users", "application/scim+json",
				("{\"userName\": \"d@example.gov.vn\"" + " ".repeat(1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8),
				"Authorization", bearer);
		assertScimError(encoded, 413, null);
		// a document followed by anything else is no JSON text (RFC 8259 section 2)
		HttpResponse<String> trailing = this.http.post(issuer("e2e") + "/scim/v2/Users", "application/scim+json",
				("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"e@example.gov.vn\"} xyz")
					.getBytes(StandardCharsets.UTF_8), "Authorization", bearer);
		assertScimError(trailing, 400, "invalidSyntax");
	}

	/** RFC 7644 section 3.12: every error is a SCIM error, also those no SCIM controller answers. */
	@Test
	void whenARouteIsNotOfferedThenTheAnswerIsAScimError() throws Exception {
		String bearer = "Bearer " + token("e2e", hrSystem(), "scim");
		String base = issuer("e2e") + "/scim/v2";
		assertScimError(this.http.get(base + "/Me", "Authorization", bearer), 501, null);
		assertScimError(this.http.post(base + "/Bulk", "application/scim+json", "{}".getBytes(StandardCharsets.UTF_8),
				"Authorization", bearer), 501, null);
		assertScimError(this.http.get(base + "/NoSuchResource", "Authorization", bearer), 404, null);
		assertScimError(this.http.get(base + "/Users?filter=" + RawHttp.urlEncode("userName eq \"\u0000\""),
				"Authorization", bearer), 400, null);
	}

	@Test
	void whenFilterIsMalformedThenInvalidFilter() throws Exception {
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));

		assertThatThrownBy(() -> scim.searchRequest("Users").filter("userName eq").invoke(UserResource.class))
			.isInstanceOfSatisfying(ScimException.class, (ex) -> {
				assertThat(ex.getScimError().getStatus()).isEqualTo(400);
				assertThat(ex.getScimError().getScimType()).isEqualTo("invalidFilter");
			});
		HttpResponse<String> raw = this.http.get(
				issuer("e2e") + "/scim/v2/Users?filter=" + RawHttp.urlEncode("(userName eq \"x\""), "Authorization",
				"Bearer " + token("e2e", hrSystem(), "scim"));
		assertScimError(raw, 400, "invalidFilter");
	}

	@Test
	void whenGroupsAreListedThenUnitsWithTheirStaff() throws Exception {
		AgencyUnit unit = unit("Trung tâm Lưu trữ");
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));
		UserResource member = scim.create("Users", user(prefix("group") + "nam", "Trịnh Văn Nam", unit, idNumber()));

		ListResponse<GroupResource> groups = scim.search("Groups", "externalId eq \"" + unit.code() + "\"",
				GroupResource.class);

		assertThat(groups.getTotalResults()).isEqualTo(1);
		GroupResource group = groups.getResources().get(0);
		assertThat(group.getId()).isEqualTo(unit.id());
		assertThat(group.getDisplayName()).isEqualTo("Trung tâm Lưu trữ");
		assertThat(group.getMembers()).extracting((m) -> m.getValue()).containsExactly(member.getId());
		assertThat(scim.retrieve("Groups", unit.id(), GroupResource.class).getDisplayName())
			.isEqualTo("Trung tâm Lưu trữ");
	}

	@Test
	void whenDiscoveryIsReadThenItDescribesUsersGroupsAndTheExtensions() throws Exception {
		ScimService scim = scim(token("e2e", hrSystem(), "scim"));

		ServiceProviderConfigResource config = scim.getServiceProviderConfig();
		assertThat(config.getPatch().isSupported()).isTrue();
		assertThat(config.getFilter().isSupported()).isTrue();
		assertThat(config.getSort().isSupported()).isTrue();
		assertThat(config.getEtag().isSupported()).isTrue();
		assertThat(config.getBulk().isSupported()).isFalse();
		assertThat(config.getFilter().getMaxResults()).isEqualTo(ScimListing.MAX_COUNT);
		HttpResponse<String> tooMany = this.http.get(issuer("e2e") + "/scim/v2/Users?count=100000", "Authorization",
				"Bearer " + token("e2e", hrSystem(), "scim"));
		assertThat(((Number) json(tooMany).get("itemsPerPage")).intValue()).isLessThanOrEqualTo(ScimListing.MAX_COUNT);
		assertThat(scim.getResourceTypes().getResources()).extracting(ResourceTypeResource::getName)
			.containsExactlyInAnyOrder("User", "Group");
		assertThat(scim.getSchemas().getResources()).extracting(SchemaResource::getId)
			.contains("urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE, PERSON,
					"urn:ietf:params:scim:schemas:core:2.0:Group");
		assertThat(scim.getSchema(ENTERPRISE).getAttributes()).extracting((a) -> a.getName())
			.contains("employeeNumber", "organization", "department");
	}

	@Test
	void whenTokenIsMissingOrOfAnotherRealmThen401AndWithoutScopeScimThen403() throws Exception {
		String users = issuer("e2e") + "/scim/v2/Users";

		assertScimError(this.http.get(users), 401, null);
		assertThat(this.http.get(users).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer"));
		String otherRealm = token("other", new ClientSecretBasic(new ClientID("web-app"),
				new Secret(OTHER_WEB_SECRET)), "records.read");
		assertScimError(this.http.get(users, "Authorization", "Bearer " + otherRealm), 401, null);
		assertScimError(this.http.get(users, "Authorization", "Bearer not-a-jwt"), 401, null);
		String withoutScim = token("e2e", new ClientSecretBasic(new ClientID("service"),
				new Secret(SERVICE_SECRET)), "records.read");
		HttpResponse<String> forbidden = this.http.get(users, "Authorization", "Bearer " + withoutScim);
		assertScimError(forbidden, 403, null);
		assertThat(forbidden.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("insufficient_scope").contains("scope=\"scim\""));
	}

	@Test
	void whenTheHrSystemsTokenIsRevokedThenScimRefusesItAtOnce() throws Exception {
		String users = issuer("e2e") + "/scim/v2/Users";
		String token = token("e2e", hrSystem(), "scim");
		assertThat(this.http.get(users, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

		HTTPResponse revoked = new com.nimbusds.oauth2.sdk.TokenRevocationRequest(
				URI.create(issuer("e2e") + "/oauth2/revoke"), hrSystem(),
				new com.nimbusds.oauth2.sdk.token.BearerAccessToken(token)).toHTTPRequest().send();
		assertThat(revoked.getStatusCode()).isEqualTo(200);

		assertScimError(this.http.get(users, "Authorization", "Bearer " + token), 401, null);
	}

	private static void assertScimError(HttpResponse<String> response, int status, String scimType) {
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/scim+json"));
		Map<String, Object> error = json(response);
		assertThat(error.get("schemas")).isEqualTo(List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
		assertThat(error.get("status")).isEqualTo(Integer.toString(status));
		assertThat(error.get("scimType")).isEqualTo(scimType);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private static Set<String> ids(ScimService scim, String filter) throws ScimException {
		Set<String> ids = new HashSet<>();
		scim.search("Users", filter, UserResource.class).forEach((user) -> ids.add(user.getId()));
		return ids;
	}

	private UserResource user(String userName, String fullName, AgencyUnit unit, String idNumber) throws ScimException {
		UserResource user = new UserResource().setUserName(userName);
		user.setExternalId("hr-" + userName);
		user.setName(new Name().setFormatted(fullName))
			.setTitle("Chuyên viên")
			.setEmails(List.of(new Email().setValue(userName.replaceAll("^.*-", "") + "." + RUN + "@example.gov.vn")
				.setType("work")
				.setPrimary(true)));
		EnterpriseUserExtension enterprise = new EnterpriseUserExtension();
		enterprise.setOrganization(unit.code());
		user.setExtension(enterprise);
		ObjectNode person = user.getExtensionObjectNode().putObject(PERSON);
		person.put("personalIdNumber", idNumber);
		Set<String> schemas = new HashSet<>(user.getSchemaUrns());
		schemas.add(PERSON);
		user.setSchemaUrns(schemas);
		return user;
	}

	private AgencyUnit unit(String name) {
		return this.units.create("e2e", "S" + RUN + "." + UNIT.incrementAndGet(), name, null, "test");
	}

	private static String prefix(String test) {
		return "scim" + RUN + test + "-";
	}

	/** Hà Nội (001), male born 1990, a serial unique in this run. */
	private static String idNumber() {
		return String.format("001090%06d", SERIAL.incrementAndGet() % 1_000_000);
	}

	private static ClientSecretBasic hrSystem() {
		return new ClientSecretBasic(new ClientID("hr-system"), new Secret(HR_SECRET));
	}

	private String token(String realm, ClientSecretBasic client, String scope) throws Exception {
		HTTPResponse response = new TokenRequest(URI.create(issuer(realm) + "/oauth2/token"), client,
				new ClientCredentialsGrant(), Scope.parse(scope))
			.toHTTPRequest()
			.send();
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
		return parsed.toSuccessResponse().getTokens().getAccessToken().getValue();
	}

	private ScimService scim(String token) {
		// HttpURLConnection knows no PATCH; Jersey's workaround sets the method reflectively
		Client client = ClientBuilder.newClient(new ClientConfig().property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true));
		client.register((ClientRequestFilter) (request) -> request.getHeaders().putSingle("Authorization",
				"Bearer " + token));
		this.clients.add(client);
		return new ScimService(client.target(issuer("e2e") + "/scim/v2"));
	}

}
