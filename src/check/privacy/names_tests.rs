use super::*;

fn names(line: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut found = with_class(line, &chars);
    found.extend(with_details(line, &chars, |_| true));
    found.extend(named(line, &chars, true, true));
    found.sort_by_key(|f| (f.0, std::cmp::Reverse(f.1)));
    let mut end = 0;
    found.retain(|f| {
        let keep = f.0 >= end;
        end = end.max(f.1);
        keep
    });
    found.iter().map(|(a, b, _)| &line[*a..*b]).collect()
}

#[test]
fn names_after_a_class() {
    assert_eq!(
        names("五（1）班的李想同学这周总是一个人吃饭。"),
        ["五（1）班的李想"]
    );
    assert_eq!(names("三年级二班王小明上课走神"), ["三年级二班王小明"]);
    assert_eq!(names("初二（3）班李华"), ["初二（3）班李华"]);
    assert_eq!(names("初二（3）班的李 华说"), ["初二（3）班的李 华"]);
    assert_eq!(names("3班的张晓雨"), ["3班的张晓雨"]);
    assert_eq!(
        names("四年级（2）班学生陈浩然"),
        ["四年级（2）班学生陈浩然"]
    );
}

#[test]
fn masked_pseudonyms_and_titles_are_fine() {
    for line in [
        "三年级二班王某某上课走神",
        "三年级二班王X",
        "三年级二班王老师说",
        "三年级二班全体同学",
        "三年级二班的同学",
        "五（1）班的小李",
        "五（1）班的李想（化名）",
        "每个班的同学",
        "三班的同学们",
        "全班同学",
    ] {
        assert!(names(line).is_empty(), "{line}: {:?}", names(line));
    }
}

#[test]
fn names_after_a_label_or_before_a_title() {
    assert_eq!(names("个案记录 姓名：刘浩宇 班级：七年级5班"), ["刘浩宇"]);
    assert_eq!(names("学生自述：“我叫黄诗琪，三年级二班的”"), ["黄诗琪"]);
    assert_eq!(names("最近我们班的李欣然同学情绪不太好"), ["李欣然"]);
    assert_eq!(names("个案：何佳怡（本名），高三文科班"), ["何佳怡"]);
    for line in [
        "许多同学",
        "任何同学",
        "全体同学",
        "姓名：王某某",
        "我叫小雨",
        "李想（化名）同学",
    ] {
        assert!(names(line).is_empty(), "{line}: {:?}", names(line));
    }
}

#[test]
fn names_with_a_grade_in_brackets() {
    assert_eq!(names("学生：马一鸣 性别：男"), ["马一鸣"]);
    assert!(names("同学甲|高二|情绪低落").is_empty());
    assert_eq!(
        names("本周来访：谭晓峰（大一，经管学院），主诉失眠。"),
        ["谭晓峰"]
    );
    assert_eq!(names("初二（3）班 王 浩 这周"), ["初二（3）班 王 浩"]);
    assert!(names("小谭（化名）（大一）").is_empty());
    assert!(names("心理委员（大一）负责").is_empty());
}

#[test]
fn names_with_sex_and_age_or_a_real_name() {
    assert_eq!(
        names("案例：林雨萱，女，13岁，某中学初一学生。"),
        ["林雨萱"]
    );
    assert_eq!(names("学生小韩（真名韩雨桐）家住某小区。"), ["韩雨桐"]);
    assert!(names("小雨，女，13岁，初一学生。").is_empty());
    assert!(names("林某，女，13岁。").is_empty());
}

#[test]
fn fast_paths_pass_every_line_a_name_finder_needs() {
    for line in [
        "五（1）班的李想",
        "三年级二班王小明",
        "初二(3)班 李 华",
        "3班刘浩",
    ] {
        assert!(class_possible(line), "{line}");
    }
    for line in ["班主任说", "开班会", "（班）"] {
        assert!(!class_possible(line), "{line}");
    }
    for line in ["我们班的李欣然同学", "王浩同学", "韩雨桐（本名"] {
        assert!(title_possible(line, |_| true), "{line}");
    }
    assert!(!title_possible("同学们好，请坐", |_| true));
    // A title with a real-name note needs the note's group on the line.
    let real_name = |g: Bits| g & group::REAL_NAME != 0;
    assert!(title_possible("韩雨桐（本名", real_name));
    assert!(!title_possible("韩雨桐（本名", |g| !real_name(g)));
}
