//! The mails an applicant gets: continue, received, decided.

use super::Mail;
use crate::domain::lang::Lang;

const SIGN_KA: &str = "\n\nსოციალურ საწარმოთა ალიანსი\n";
const SIGN_EN: &str = "\n\nSocial Enterprises Alliance\n";

pub fn resume(lang: Lang, link: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: "თქვენი განაცხადის გაგრძელება — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!("გამარჯობა!\n\nთქვენი პასუხები შენახულია. განაცხადის გასაგრძელებლად ნებისმიერ დროს გახსენით ეს ბმული (30 დღის განმავლობაში) და შეიყვანეთ პაროლი, რომელიც განაცხადში აირჩიეთ (ან შედით თქვენს ანგარიშზე):\n\n{link}{SIGN_KA}"),
        },
        Lang::En => Mail {
            subject: "Continue your application — Social Enterprises Alliance".into(),
            body: format!("Hello,\n\nYour answers are saved. To continue your application at any time, open this link (within 30 days) and enter the password you chose in the application (or sign in to your account):\n\n{link}{SIGN_EN}"),
        },
    }
}

/// To the owner of an account whose address an application was sent with,
/// by someone not signed in: nothing is sent until they sign in.
pub fn has_account(lang: Lang, link: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: "ამ ელფოსტაზე ანგარიში უკვე არსებობს — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!("გამარჯობა!\n\nამ ელფოსტის მისამართით ახლახან შეივსო ალიანსში გაწევრიანების განაცხადი, მაგრამ ამ მისამართზე ანგარიში უკვე არსებობს, ამიტომ განაცხადი ჯერ არ არის გაგზავნილი. თუ ეს თქვენ იყავით, შედით თქვენს ანგარიშზე, გახსენით ეს ბმული (30 დღის განმავლობაში) და შეიყვანეთ განაცხადში არჩეული პაროლი, შემდეგ კი განაცხადი გადაამოწმეთ და გააგზავნეთ:\n\n{link}\n\nთუ ეს თქვენ არ ყოფილხართ, ეს წერილი შეგიძლიათ უგულებელყოთ: არაფერი გაგზავნილა.{SIGN_KA}"),
        },
        Lang::En => Mail {
            subject: "You already have an account — Social Enterprises Alliance".into(),
            body: format!("Hello,\n\nA membership application was just filled in with this email address, which already has an account, so it has not been sent yet. If it was you, log in to your account, open this link (within 30 days) and enter the password you chose in the application, then check the application and send it:\n\n{link}\n\nIf it was not you, you can ignore this mail: nothing has been sent.{SIGN_EN}"),
        },
    }
}

pub fn received(lang: Lang, status: &str, verify: Option<&str>, resubmitted: bool) -> Mail {
    match lang {
        Lang::Ka => {
            let verify = verify
                .map(|v| {
                    format!("\n\nგთხოვთ, დაადასტუროთ ელფოსტა (ბმული მოქმედებს 48 საათი):\n\n{v}")
                })
                .unwrap_or_default();
            let what = if resubmitted {
                "შესწორებული განაცხადი მივიღეთ"
            } else {
                "თქვენი გაწევრიანების განაცხადი მივიღეთ"
            };
            Mail {
                subject: "განაცხადი მიღებულია — სოციალურ საწარმოთა ალიანსი".into(),
                body: format!("გამარჯობა!\n\n{what}. მისი სტატუსი და ისტორია ამ ბმულზეა:\n\n{status}{verify}{SIGN_KA}"),
            }
        }
        Lang::En => {
            let verify = verify.map(|v| format!("\n\nPlease confirm your email address (the link works for 48 hours):\n\n{v}")).unwrap_or_default();
            let what = if resubmitted {
                "We have received your changed application"
            } else {
                "We have received your membership application"
            };
            Mail {
                subject: "Application received — Social Enterprises Alliance".into(),
                body: format!("Hello,\n\n{what}. Its status and history are at this link:\n\n{status}{verify}{SIGN_EN}"),
            }
        }
    }
}

/// What was decided on an application, as its mail tells it.
pub enum Decided<'a> {
    /// Approved, in the category of this code.
    Approved(&'a str),
    Rejected,
    Returned,
}

pub fn decided(lang: Lang, decision: Decided<'_>, message: &str, link: &str) -> Mail {
    let category = |code: &str| {
        crate::domain::reference::label(crate::domain::reference::CATEGORIES, code, lang)
    };
    match (lang, decision) {
        (Lang::Ka, Decided::Approved(c)) => Mail {
            subject: "თქვენი განაცხადი დამტკიცდა — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!("გამარჯობა!\n\nმოგესალმებით ალიანსში! თქვენი ორგანიზაცია გახდა {}. ორგანიზაციის პროფილის რედაქტირება შეგიძლიათ სისტემაში შესვლის შემდეგ:\n\n{link}{SIGN_KA}", category(c)),
        },
        (Lang::En, Decided::Approved(c)) => Mail {
            subject: "Your application is approved — Social Enterprises Alliance".into(),
            body: format!("Hello,\n\nWelcome to the Alliance! Your organisation is now a member: {}. Log in to keep your organisation's profile current:\n\n{link}{SIGN_EN}", category(c)),
        },
        (Lang::Ka, Decided::Rejected) => Mail {
            subject: "გადაწყვეტილება თქვენს განაცხადზე — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!("გამარჯობა!\n\nსამწუხაროდ, თქვენი განაცხადი არ დაკმაყოფილდა. მიზეზი:\n\n{message}\n\n{link}{SIGN_KA}"),
        },
        (Lang::En, Decided::Rejected) => Mail {
            subject: "Decision on your application — Social Enterprises Alliance".into(),
            body: format!("Hello,\n\nWe are sorry: your application was not accepted. The reason:\n\n{message}\n\n{link}{SIGN_EN}"),
        },
        (Lang::Ka, Decided::Returned) => Mail {
            subject: "განაცხადი დაგიბრუნდათ შესასწორებლად — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!("გამარჯობა!\n\nგთხოვთ, შეასწოროთ განაცხადი და ხელახლა გამოგზავნოთ. შეტყობინება:\n\n{message}\n\nგანაცხადის გვერდი (გამოიყენეთ ბმული პირველი წერილიდან ან შედით სისტემაში):\n\n{link}{SIGN_KA}"),
        },
        (Lang::En, Decided::Returned) => Mail {
            subject: "Your application needs changes — Social Enterprises Alliance".into(),
            body: format!("Hello,\n\nPlease change your application and send it again. The message:\n\n{message}\n\nThe application's page (use the link from our first email, or log in):\n\n{link}{SIGN_EN}"),
        },
    }
}
