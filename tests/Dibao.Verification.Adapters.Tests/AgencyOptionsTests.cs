using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Adapters.SocialSecurity;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Tests;

public sealed class AgencyOptionsTests
{
    [Fact]
    public void A_missing_base_url_fails_start_up_validation_naming_the_setting()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Agencies:HousingFund:BaseUrl"] = "http://hf.example" });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("Agencies:SocialSecurity:BaseUrl");
        error.Message.ShouldNotContain("Agencies:HousingFund:BaseUrl");
    }

    [Fact]
    public void A_relative_base_url_is_refused()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Agencies:SocialSecurity:BaseUrl"] = "/ss",
            ["Agencies:HousingFund:BaseUrl"] = "http://hf.example",
        });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(SocialSecurityAdapter.Code))
            .Message.ShouldContain("Agencies:SocialSecurity:BaseUrl");
    }

    [Fact]
    public void Each_agency_binds_its_own_section_with_the_documented_defaults()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Agencies:SocialSecurity:BaseUrl"] = "https://ss.example",
            ["Agencies:SocialSecurity:ApiKey"] = "ss-key",
            ["Agencies:SocialSecurity:Deadline"] = "00:05:00",
            ["Agencies:HousingFund:BaseUrl"] = "https://hf.example",
            ["Agencies:HousingFund:MaxRetryAttempts"] = "2",
        });
        var options = provider.GetRequiredService<IOptionsMonitor<AgencyOptions>>();

        var socialSecurity = options.Get(SocialSecurityAdapter.Code);
        var housingFund = options.Get(HousingFundAdapter.Code);

        socialSecurity.BaseUrl.ShouldBe("https://ss.example");
        socialSecurity.ApiKey.ShouldBe("ss-key");
        socialSecurity.Deadline.ShouldBe(TimeSpan.FromMinutes(5));
        socialSecurity.MaxRetryAttempts.ShouldBe(4);
        socialSecurity.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        socialSecurity.RetryBaseDelay.ShouldBe(TimeSpan.FromMilliseconds(500));
        socialSecurity.MaxConcurrentRequests.ShouldBe(8);
        socialSecurity.CircuitBreakerFailureRatio.ShouldBe(0.5);
        socialSecurity.CircuitBreakerBreakDuration.ShouldBe(TimeSpan.FromSeconds(15));
        housingFund.BaseUrl.ShouldBe("https://hf.example");
        housingFund.ApiKey.ShouldBeNull();
        housingFund.MaxRetryAttempts.ShouldBe(2);
        housingFund.Deadline.ShouldBe(TimeSpan.FromMinutes(2));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMassTransit(bus =>
        {
            bus.AddSocialSecurityAdapter(configuration);
            bus.AddHousingFundAdapter(configuration);
        });
        return services.BuildServiceProvider();
    }
}
