package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The 12-digit personal identification number of a Vietnamese citizen (the number on the
 * chip-based citizen identity card; Decree 137/2015/ND-CP art. 7, Circular 07/2016/TT-BCA):
 * {@code PPP G YY NNNNNN}, where {@code PPP} is the code of the province (or the country) where
 * the birth was registered, {@code G} gives century and sex (0/1: 1900s male/female, 2/3: 2000s,
 * 4/5: 2100s, 6/7: 2200s, 8/9: 2300s), {@code YY} the last two digits of the birth year, and
 * the last six digits a serial. There is no check digit.
 * <p>
 * The number reveals birthplace, sex and birth year, so {@link #toString()} masks it: a record
 * holding one can be logged without leaking it. Only {@link #value()} gives the digits.
 *
 * @param value the twelve digits
 */
public record PersonalIdNumber(String value) {

	/** The 63 province codes of birth registration (GSO province codes, zero-padded to three digits). */
	public static final Map<String, String> PROVINCES = provinces();

	public PersonalIdNumber {
		Objects.requireNonNull(value, "value");
		if (value.length() != 12 || !value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IdentityValidationException("personalIdNumber", "must be 12 digits");
		}
	}

	/**
	 * Parses and checks a number: 12 digits (surrounding spaces ignored) whose region code is one
	 * of {@link #PROVINCES} or of {@code extraRegionCodes} (the country codes of births registered
	 * abroad that the deployment accepts, {@code idp.identity.extra-birth-registration-codes}).
	 * @throws IdentityValidationException on field {@code personalIdNumber}, without echoing the input
	 */
	public static PersonalIdNumber parse(@Nullable String text, Set<String> extraRegionCodes) {
		if (text == null || text.isBlank()) {
			throw new IdentityValidationException("personalIdNumber", "is required");
		}
		PersonalIdNumber number = new PersonalIdNumber(text.strip());
		if (!PROVINCES.containsKey(number.regionCode()) && !extraRegionCodes.contains(number.regionCode())) {
			throw new IdentityValidationException("personalIdNumber", "unknown province or country code of birth registration");
		}
		return number;
	}

	/** The code of the province or country where the birth was registered: the first three digits. */
	public String regionCode() {
		return this.value.substring(0, 3);
	}

	/** The sex the fourth digit encodes: even male, odd female. */
	public Sex sex() {
		return ((this.value.charAt(3) - '0') % 2 == 0) ? Sex.MALE : Sex.FEMALE;
	}

	/** The birth year: the century of the fourth digit plus the fifth and sixth digits. */
	public int birthYear() {
		int century = 1900 + ((this.value.charAt(3) - '0') / 2) * 100;
		return century + Integer.parseInt(this.value.substring(4, 6));
	}

	/**
	 * Checks the number against what else is known about its holder.
	 * @throws IdentityValidationException on {@code personalIdNumber} when the birth year or sex disagrees
	 */
	public void requireConsistentWith(@Nullable LocalDate birthDate, @Nullable Sex sex) {
		if (birthDate != null && birthDate.getYear() != birthYear()) {
			throw new IdentityValidationException("personalIdNumber", "century and year digits disagree with the birth date");
		}
		if (sex != null && sex != sex()) {
			throw new IdentityValidationException("personalIdNumber", "century/sex digit disagrees with the sex");
		}
	}

	/** The number with all but its first three and last two digits hidden: {@code 001*******45}. */
	public String masked() {
		return this.value.substring(0, 3) + "*******" + this.value.substring(10);
	}

	@Override
	public String toString() {
		return masked();
	}

	private static Map<String, String> provinces() {
		String[] pairs = { "001", "Hà Nội", "002", "Hà Giang", "004", "Cao Bằng", "006", "Bắc Kạn", "008", "Tuyên Quang",
				"010", "Lào Cai", "011", "Điện Biên", "012", "Lai Châu", "014", "Sơn La", "015", "Yên Bái", "017",
				"Hòa Bình", "019", "Thái Nguyên", "020", "Lạng Sơn", "022", "Quảng Ninh", "024", "Bắc Giang", "025",
				"Phú Thọ", "026", "Vĩnh Phúc", "027", "Bắc Ninh", "030", "Hải Dương", "031", "Hải Phòng", "033",
				"Hưng Yên", "034", "Thái Bình", "035", "Hà Nam", "036", "Nam Định", "037", "Ninh Bình", "038",
				"Thanh Hóa", "040", "Nghệ An", "042", "Hà Tĩnh", "044", "Quảng Bình", "045", "Quảng Trị", "046",
				"Thừa Thiên Huế", "048", "Đà Nẵng", "049", "Quảng Nam", "051", "Quảng Ngãi", "052", "Bình Định", "054",
				"Phú Yên", "056", "Khánh Hòa", "058", "Ninh Thuận", "060", "Bình Thuận", "062", "Kon Tum", "064",
				"Gia Lai", "066", "Đắk Lắk", "067", "Đắk Nông", "068", "Lâm Đồng", "070", "Bình Phước", "072",
				"Tây Ninh", "074", "Bình Dương", "075", "Đồng Nai", "077", "Bà Rịa-Vũng Tàu", "079", "Hồ Chí Minh",
				"080", "Long An", "082", "Tiền Giang", "083", "Bến Tre", "084", "Trà Vinh", "086", "Vĩnh Long", "087",
				"Đồng Tháp", "089", "An Giang", "091", "Kiên Giang", "092", "Cần Thơ", "093", "Hậu Giang", "094",
				"Sóc Trăng", "095", "Bạc Liêu", "096", "Cà Mau" };
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(map);
	}

}
