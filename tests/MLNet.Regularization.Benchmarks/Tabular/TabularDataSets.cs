using static MLNet.Regularization.Benchmarks.Tabular.TabularColumn;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>
/// The tabular data sets of <c>--tabular</c>, one definition each, read from <c>../shared/data/tabular</c> (see its README and
/// <c>descr/</c> folder). The scikit-learn copies (iris, wine, breast_cancer) begin with a line of counts and class names
/// ("150,4,setosa,versicolor,virginica"), not a header, then the numeric features and the integer class last.
/// </summary>
internal static class TabularDataSets
{
    /// <summary>Every data set, in the order the benchmark runs them.</summary>
    public static readonly IReadOnlyList<TabularDataSet> All =
    [
        // UCI Adult: no header, ", " between fields, "?" for a missing categorical value, a trailing blank line; income ">50K" is true.
        new("adult", TabularTask.Binary, TabularSource.Plain("adult.data"), SkipFirstLine: false, Separator: ',',
            [Numeric("age"), Categorical("workclass"), Numeric("fnlwgt"), Categorical("education"), Numeric("education-num"),
             Categorical("marital-status"), Categorical("occupation"), Categorical("relationship"), Categorical("race"), Categorical("sex"),
             Numeric("capital-gain"), Numeric("capital-loss"), Numeric("hours-per-week"), Categorical("native-country"), Label("income")],
            PositiveClass: ">50K"),

        // Header; 207 blank total_bedrooms (missing numbers); ocean_proximity is text.
        new("california_housing", TabularTask.Regression, TabularSource.Plain("california_housing.csv"), SkipFirstLine: true, Separator: ',',
            [Numeric("longitude"), Numeric("latitude"), Numeric("housing_median_age"), Numeric("total_rooms"), Numeric("total_bedrooms"),
             Numeric("population"), Numeric("households"), Numeric("median_income"), Label("median_house_value"), Categorical("ocean_proximity")]),

        // scikit-learn's copy: 30 features, class 0 malignant, 1 benign (true).
        new("breast_cancer", TabularTask.Binary, TabularSource.Plain("breast_cancer.csv"), SkipFirstLine: true, Separator: ',',
            [Numeric("measurements", 30), Label("class")], PositiveClass: "1"),

        new("iris", TabularTask.Multiclass, TabularSource.Plain("iris.csv"), SkipFirstLine: true, Separator: ',',
            [Numeric("measurements", 4), Label("class")]),

        new("wine", TabularTask.Multiclass, TabularSource.Plain("wine_data.csv"), SkipFirstLine: true, Separator: ',',
            [Numeric("measurements", 13), Label("class")]),

        // No header: 64 pixel counts (0..16) of an 8x8 image, then the digit.
        new("digits", TabularTask.Multiclass, TabularSource.Gzip("digits.csv.gz"), SkipFirstLine: false, Separator: ',',
            [Numeric("pixels", 64), Label("digit")]),

        // Space-separated raw features (age, sex, bmi, bp, s1..s6) and the targets in a second file: joined row by row.
        new("diabetes", TabularTask.Regression, TabularSource.JoinedGzip("diabetes_data_raw.csv.gz", "diabetes_target.csv.gz", ' '),
            SkipFirstLine: false, Separator: ' ',
            [Numeric("measurements", 10), Label("progression")]),

        // Palmer penguins: header; "NA" for missing values, numeric (read as NaN) and categorical (a category of its own).
        new("penguins", TabularTask.Multiclass, TabularSource.Plain("penguins.csv"), SkipFirstLine: true, Separator: ',',
            [Label("species"), Categorical("island"), Numeric("bill_length_mm"), Numeric("bill_depth_mm"), Numeric("flipper_length_mm"),
             Numeric("body_mass_g"), Categorical("sex"), Numeric("year")]),
    ];

    /// <summary>The data set named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static TabularDataSet? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
