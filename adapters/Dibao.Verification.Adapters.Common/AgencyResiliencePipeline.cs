using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// The Polly pipeline every agency call runs through, outermost first: retry, circuit breaker, concurrency limiter,
/// attempt timeout. The breaker sits inside the retry so each attempt counts towards it, and an open circuit fails an
/// attempt without waiting for a permit. The limiter sits inside the retry so a permit is held by a request in flight,
/// never by a wait between attempts: an agency's <c>Retry-After</c> is waited out in full (the call's deadline bounds
/// it) while other questions to the agency go on. The timeout is innermost so it bounds one attempt, not the whole call.
/// </summary>
internal static class AgencyResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, AgencyOptions options)
    {
        // Polly's retry takes at least one retry, so none means no retry strategy at all.
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                BreakDuration = options.CircuitBreakerBreakDuration,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentRequests,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            .AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// 408, 429 and every 5xx: the agency's side is failing, and it can answer once its operators have fixed it, with
    /// no change to the question. Every other status is the agency's answer to this question, which asking again
    /// would only get again.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status is >= 500 and <= 599;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or IOException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    /// <summary>The agency's own Retry-After on 429/503 wins over the computed back-off.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable }
            || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? retryAfter.Date - DateTimeOffset.UtcNow;
        return delay > TimeSpan.Zero ? delay : null;
    }
}
