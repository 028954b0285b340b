using System.Globalization;
using System.Text;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.WebConsole.Pages.Batches;

/// <summary>
/// A caseworker uploads a batch for their own township as CSV (the API's columns) or as an <c>.xlsx</c> with the same
/// columns; it is read and checked exactly as the API reads <c>text/csv</c>, and a refused one is shown line by line.
/// </summary>
[Authorize(Policy = AccessPolicies.SubmitBatches)]
public sealed class NewModel(BatchSubmissionService submissions, IOptions<BatchLimits> limits) : ConsolePage
{
    public static IReadOnlyList<string> Purposes { get; } = ["new-application", "annual-review"];

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string Purpose { get; set; } = "new-application";

    [BindProperty]
    public string? AsOf { get; set; }

    /// <summary>
    /// This form's key (<see cref="SubmissionKeys"/>), made when it is shown: a second click, or the browser sending the
    /// form again, gets the batch of the first instead of a second one.
    /// </summary>
    [BindProperty]
    public string? SubmissionKey { get; set; }

    public string? FileName { get; private set; }

    public string? Error { get; private set; }

    public UploadProblems? Problems { get; private set; }

    public void OnGet() => SubmissionKey = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var limit = limits.Value.MaxBodyBytes;
        if (Upload is not { Length: > 0 })
        {
            Error = "请选择要上传的 CSV 或 Excel（.xlsx）文件。";
            return Page();
        }

        FileName = Upload.FileName;
        if (Upload.Length > limit)
        {
            Error = $"文件超过上限 {limit / 1024 / 1024.0:0.#} MB（Batches:MaxBodyBytes），请拆分批次后上传。";
            return Page();
        }

        DateOnly? asOf = null;
        if (!string.IsNullOrWhiteSpace(AsOf))
        {
            if (!DateOnly.TryParseExact(AsOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                Error = "核对基准日须是 yyyy-MM-dd 格式的日期，或留空（今天）。";
                return Page();
            }

            asOf = day;
        }

        byte[] content;
        await using (var stream = Upload.OpenReadStream())
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        string text;
        if (XlsxCsv.LooksLikeXlsx(content))
        {
            try
            {
                text = XlsxCsv.Convert(content, limit);
            }
            catch (UnreadableWorkbookException unreadable)
            {
                Error = $"无法读取这个 Excel 文件：{unreadable.Message}。可另存为 .xlsx（Excel 工作簿）或 CSV（UTF-8）后再上传。";
                return Page();
            }

            content = Encoding.UTF8.GetBytes(text);
        }
        else
        {
            text = CsvBatchReader.Decode(content);
        }

        var read = CsvBatchReader.Read(content, Caller.Jurisdiction, Purpose, asOf);
        var problems = read.Problems;
        if (read.Request is { } request)
        {
            var result = await submissions.SubmitAsync(request, Caller.User, SubmissionKeys.Parse(SubmissionKey), cancellationToken);
            if (result.BatchId is { } batchId)
            {
                return Redirect($"/batches/{batchId}/progress");
            }

            if (result.KeyReused)
            {
                // The form was used for another file already (the browser's back button): a fresh form takes this one.
                SubmissionKey = Guid.NewGuid().ToString("N");
                Error = "这个上传表单已提交过另一份文件，本文件未保存。请重新选择本文件后再上传。";
                return Page();
            }

            problems = result.Problems;
        }

        Error = $"批次未被接受：发现 {problems.Count} 处问题，整批未保存，也未向任何部门查询。请在文件中改正下列各行后重新上传。";
        Problems = UploadProblems.Of(text, problems);
        return Page();
    }
}
