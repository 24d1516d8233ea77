import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// Conventions of structure that hold across organizations (issue 18): lead-in lines over
/// lists, forms laid out as one-cell table rows.
struct StructureExtractionTests {
    @Test func aLeadInLineOverAListOpensTheSectionItNames() throws {
        let r = try record("""
            # Board monthly meeting, October 12, 2023

            The meeting was led by Chaim Kirby.

            Board members in attendance were:

            - Peter Baumgartner
            - Katie McLaughlin

            ## Finances

            - Balance: USD 228,218.00
            """, "board.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Peter Baumgartner"))
        #expect(names.contains("Katie McLaughlin"))
        #expect(!names.contains { $0.contains("Balance") })
    }

    @Test func aFormFieldInATableRowGoesOnOverItsBareRows() throws {
        let r = try record("""
            <html><body><table>
            <tr><td>FECHA: 13 DE SEPTIEMBRE DE 2019</td></tr>
            <tr><td>PARTICIPANTES: Nancy Alejandra Sánchez Serrato</td></tr>
            <tr><td>Andrés Leonardo García Rincón</td></tr>
            <tr><td>TEMA GENERAL: Planeación de reunión con docente</td></tr>
            <tr><td>Estipulación de fecha de reunión</td></tr>
            </table></body></html>
            """, "acta.html")
        #expect(r.date == "2019-09-13")
        let names = r.attendees.map(\.name)
        #expect(names == ["Nancy Alejandra Sánchez Serrato", "Andrés Leonardo García Rincón"])
    }

    @Test func aFieldOverAListOfSomethingElseDoesNotSwallowIt() throws {
        // "AI: Greg: follow up" is one action; the list of reports after it is not.
        let r = try record("""
            Board meeting minutes

            Date: February 19, 2014

            Reports

            * Apache Cassandra Project [Jonathan Ellis / Greg]
            AI: Greg: follow up
            * Apache Clerezza Project [Hasan Hasan / Jim]
            * Apache Click Project [Malcolm Edgar / Chris]
            """)
        #expect(!r.actions.contains { $0.text.contains("Clerezza") })
    }
}
