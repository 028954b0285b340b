namespace Dibao.Verification.Sandbox.Population;

/// <summary>The kind of person drawn: what tests and benchmarks select on.</summary>
public enum SyntheticProfile
{
    /// <summary>A child or student: no income of their own.</summary>
    Dependent,

    /// <summary>An adult without wages or pension (some worked in the past).</summary>
    NoIncome,

    /// <summary>Recently lost a job and draws unemployment benefit.</summary>
    Unemployed,

    /// <summary>Employed: social-insurance contributions, usually a housing-fund account, taxed wages.</summary>
    WageEarner,

    /// <summary>城乡居民基本养老保险: 150–300 yuan a month.</summary>
    ResidentPensioner,

    /// <summary>企业职工基本养老保险: 1,500–4,000 yuan a month.</summary>
    EnterprisePensioner,

    /// <summary>机关事业单位养老保险.</summary>
    InstitutionPensioner,
}
