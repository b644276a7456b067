import Foundation
import KefuDomain

/// Money in the API (API.md conventions): a decimal string with two places out; a string or a JSON
/// number in, read exactly by `Money` (issue 20). A JSON number is decoded as `Decimal`, which Foundation
/// reads from the number's text (never through `Double`); anything but 0…999999999.99 with at most two
/// decimals is a 400 naming the field.
package struct MoneyInput: Decodable, Sendable {
    package let value: Decimal

    package init(value: Decimal) { self.value = value }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let field = decoder.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        let value: Decimal?
        if let text = try? container.decode(String.self) {
            value = Money.parse(text)
        } else if let number = try? container.decode(Decimal.self) {
            value = Money.accept(number)
        } else {
            value = nil
        }
        guard let value else { throw DomainError.validation(fields: [field.isEmpty ? "amount" : field: "error.field.money"]) }
        self.value = value
    }

    package static func text(_ value: Decimal) -> String { Money.text(value) }
}
