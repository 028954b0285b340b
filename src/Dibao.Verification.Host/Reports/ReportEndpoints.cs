using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Exports;
using Dibao.Verification.Host.Problems;

namespace Dibao.Verification.Host.Reports;

/// <summary>Documents for people to file and open: each with the access and the audit of the view it is made from.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/cases").WithTags("Cases").AddEndpointFilter<AuditFilter>()
            .MapGet("/{caseId:guid}/report.pdf", ReportAsync)
            .RequireAuthorization(AccessPolicies.ReadCases)
            .WithMetadata(AuditedRead.Instance)
            .WithName("GetCaseReport")
            .WithSummary("The household's verification report (核对报告) as a PDF in Chinese, to print, sign and file; identity numbers masked as in the case view.")
            .Produces(StatusCodes.Status200OK, contentType: HouseholdReportPdf.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGroup("/api/v1/batches").WithTags("Batches").AddEndpointFilter<AuditFilter>()
            .MapGet("/{batchId:guid}/results.xlsx", ExportAsync)
            .RequireAuthorization(AccessPolicies.ReadBatches)
            .WithMetadata(AuditedRead.Instance)
            .WithName("ExportBatchResultsXlsx")
            .WithSummary("The results export as an Excel workbook (.xlsx): the CSV export's columns, every text cell an inline string no spreadsheet evaluates.")
            .Produces(StatusCodes.Status200OK, contentType: BatchResultsXlsx.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ReportAsync(
        Guid caseId, Caller caller, JurisdictionGuard guard, HouseholdReports reports, CancellationToken cancellationToken) =>
        await guard.CaseAsync(caller, caseId, cancellationToken) && await reports.GetAsync(caller, caseId, cancellationToken) is { } report
            ? TypedResults.File(HouseholdReportPdf.Write(report), HouseholdReportPdf.ContentType, $"核对报告-{report.Case.HouseholdRef}.pdf")
            : HubProblems.NotFound();

    private static async Task<IResult> ExportAsync(
        Guid batchId, Caller caller, JurisdictionGuard guard, BatchQueries queries, CancellationToken cancellationToken) =>
        await guard.BatchAsync(caller, batchId, cancellationToken) && await queries.GetAsync(batchId, null, cancellationToken) is { } view
            ? TypedResults.File(BatchResultsXlsx.Write(view), BatchResultsXlsx.ContentType, $"batch-{batchId}.xlsx")
            : HubProblems.NotFound();
}
