import Foundation
import Testing
@testable import KefuDomain

@Suite("Customers: phone numbers are normalized, masked and found by suffix")
struct PhoneNumberTests {
    @Test("Accepted spellings normalize to one kind and one set of digits", arguments: [
        ("13812345678", PhoneNumber.Kind.mobile, "13812345678"),
        ("138 1234 5678", .mobile, "13812345678"),
        ("138-1234-5678", .mobile, "13812345678"),
        (" (138) 1234-5678 ", .mobile, "13812345678"),
        ("+86 138 1234 5678", .mobile, "13812345678"),
        ("+8613812345678", .mobile, "13812345678"),
        ("0086 13812345678", .mobile, "13812345678"),
        ("8613812345678", .mobile, "13812345678"),
        ("１３８－１２３４－５６７８", .mobile, "13812345678"),
        ("＋８６　１３８１２３４５６７８", .mobile, "13812345678"),
        ("010-12345678", .landline, "01012345678"),
        ("(010) 1234 5678", .landline, "01012345678"),
        ("021-87654321", .landline, "02187654321"),
        ("0755-1234567", .landline, "07551234567"),
        ("0755-12345678", .landline, "075512345678"),
        ("（０７５５）１２３４５６７", .landline, "07551234567"),
        ("+86 755 1234567", .landline, "07551234567"),
        ("+86 (0)10 1234 5678", .landline, "01012345678"),
        ("+44 20 7946 0958", .international, "442079460958"),
        ("001 212 555 0100", .international, "12125550100"),
        ("+852 9123 4567", .international, "85291234567"),
        ("+123456", .international, "123456"),
        ("+123456789012345", .international, "123456789012345"),
    ])
    func accepted(raw: String, kind: PhoneNumber.Kind, digits: String) throws {
        let phone = try #require(PhoneNumber(raw))
        #expect(phone.kind == kind)
        #expect(phone.digits == digits)
    }

    @Test("Anything else is refused", arguments: [
        "", "   ", "abc", "138abcd5678", "1381234567x", "138.1234.5678", "138/1234/5678",
        "138123", "1381234567", "138123456789",          // mobile too short / too long
        "12345678", "1234567",                           // local number without area code
        "0755-123456", "0755-123456789", "010-02345678", // subscriber length or leading 0
        "0155-1234567", "0123-4567890",                  // no such area code
        "+12345", "+1234567890123456", "+0123456789",    // international length, leading 0
        "+86 12345", "0086 12345",                       // +86 with neither mobile nor landline
        "13812345678+", "1+3812345678", "++8613812345678", "+",
    ])
    func refused(raw: String) {
        #expect(PhoneNumber(raw) == nil)
    }

    @Test("Masking keeps only what API.md allows", arguments: [
        ("13812345678", "138****5678"),
        ("+86 139 0000 1111", "139****1111"),
        ("0755-1234567", "0755-****4567"),
        ("010-12345678", "010-****5678"),
        ("+44 20 7946 0958", "+****0958"),
    ])
    func masking(raw: String, masked: String) throws {
        let phone = try #require(PhoneNumber(raw))
        #expect(phone.masked == masked)
        #expect("\(phone)" == masked)
    }

    @Test("The formatted spelling is canonical and parses back to the same number", arguments: [
        ("+86 138 1234 5678", "13812345678"),
        ("(0755) 1234567", "0755-1234567"),
        ("+86 10 1234 5678", "010-12345678"),
        ("00 44 20 7946 0958", "+442079460958"),
    ])
    func formatted(raw: String, formatted: String) throws {
        let phone = try #require(PhoneNumber(raw))
        #expect(phone.formatted == formatted)
        #expect(PhoneNumber(formatted) == phone)
    }

    @Test("Different spellings of one number are equal")
    func equality() {
        #expect(PhoneNumber("+86 138-1234-5678") == PhoneNumber("13812345678"))
        #expect(PhoneNumber("0755 1234567")?.areaCode == "0755")
        #expect(PhoneNumber("13812345678")?.areaCode == nil)
    }

    @Test("Suffix keys are the last 4 to 8 digits, shortest first")
    func suffixKeys() throws {
        let phone = try #require(PhoneNumber("13812345678"))
        #expect(phone.suffixKeys == ["5678", "45678", "345678", "2345678", "12345678"])
        #expect(PhoneNumber("+123456")?.suffixKeys == ["3456", "23456", "123456"])
    }

    @Test("A partial phone input is a suffix query when it has 4 to 11 digits", arguments: [
        ("5678", "5678"), ("1234-5678", "12345678"), ("１３８ １２３４ ５６７８", "13812345678"),
        ("567", nil), ("138123456789", nil), ("退货5678", nil), ("+5678", nil), ("ab12345", nil), ("", nil),
    ] as [(String, String?)])
    func suffixQuery(text: String, expected: String?) {
        #expect(PhoneNumber.suffixQuery(text) == expected)
    }

    @Test("A suffix query finds the customer through the suffix keys")
    func suffixFindsCustomer() throws {
        let phone = try #require(PhoneNumber("+86 138 1234 5678"))
        let query = try #require(PhoneNumber.suffixQuery("5678"))
        #expect(phone.suffixKeys.contains(query))
    }
}
