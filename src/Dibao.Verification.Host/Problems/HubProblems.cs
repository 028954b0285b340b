using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dibao.Verification.Host.Problems;

/// <summary>Problem details that carry a <see cref="ProblemCodes"/> code as their <c>type</c> and as <c>code</c>.</summary>
public static class HubProblems
{
    public const string TypePrefix = "urn:dibao:problem:";

    public static ProblemDetails Details(int status, string code, string title, string? detail) =>
        new()
        {
            Status = status,
            Type = TypePrefix + code,
            Title = title,
            Detail = detail,
            Extensions = { ["code"] = code },
        };

    public static ProblemHttpResult Result(int status, string code, string title, string? detail) =>
        TypedResults.Problem(Details(status, code, title, detail));

    public static ProblemHttpResult NotFound() =>
        Result(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found", "没有找到，或不在您的辖区内");

    /// <summary>
    /// Gives a code to the problems the framework writes itself, such as a body cut off at its limit while being read, a
    /// route that does not exist, or a malformed JSON body: a client then tells every refusal by its code alone.
    /// </summary>
    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            if (details.Extensions.ContainsKey("code"))
            {
                return;
            }

            var code = details.Status switch
            {
                StatusCodes.Status400BadRequest => ProblemCodes.InvalidRequest,
                StatusCodes.Status401Unauthorized => ProblemCodes.Unauthenticated,
                StatusCodes.Status404NotFound => ProblemCodes.NotFound,
                StatusCodes.Status413PayloadTooLarge => ProblemCodes.BodyTooLarge,
                StatusCodes.Status415UnsupportedMediaType => ProblemCodes.UnsupportedMediaType,
                StatusCodes.Status429TooManyRequests => ProblemCodes.RateLimited,
                _ => null,
            };
            if (code is not null)
            {
                details.Type = TypePrefix + code;
                details.Extensions["code"] = code;
            }
        };

    /// <summary>For middleware that answers before any endpoint runs.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string title, string? detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Details(status, code, title, detail),
        });
    }
}
