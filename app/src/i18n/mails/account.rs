//! The account mails, in the recipient's language.

use super::Mail;
use crate::domain::lang::Lang;

pub fn verify_email(lang: Lang, link: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: "დაადასტურეთ ელფოსტა — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!(
                "გამარჯობა!\n\nანგარიშის გასააქტიურებლად გახსენით ეს ბმული 48 საათის განმავლობაში:\n\n{link}\n\n\
                 თუ ანგარიში თქვენ არ შეგიქმნიათ, ეს წერილი უბრალოდ უგულებელყავით.\n\nსოციალურ საწარმოთა ალიანსი\n"
            ),
        },
        Lang::En => Mail {
            subject: "Confirm your email — Social Enterprises Alliance".into(),
            body: format!(
                "Hello,\n\nTo activate your account, open this link within 48 hours:\n\n{link}\n\n\
                 If you did not create an account, just ignore this message.\n\nSocial Enterprises Alliance\n"
            ),
        },
    }
}

pub fn already_registered(lang: Lang, login: &str, forgot: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: "ანგარიში უკვე არსებობს — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!(
                "გამარჯობა!\n\nვიღაცამ სცადა ამ ელფოსტით ახალი ანგარიშის შექმნა, მაგრამ ანგარიში უკვე არსებობს.\n\n\
                 შესვლა: {login}\nპაროლის აღდგენა: {forgot}\n\nთუ ეს თქვენ არ ყოფილხართ, არაფრის გაკეთება არ გჭირდებათ.\n"
            ),
        },
        Lang::En => Mail {
            subject: "You already have an account — Social Enterprises Alliance".into(),
            body: format!(
                "Hello,\n\nSomeone tried to create an account with this email address, but one already exists.\n\n\
                 Log in: {login}\nReset your password: {forgot}\n\nIf this was not you, there is nothing to do.\n"
            ),
        },
    }
}

pub fn reset_password(lang: Lang, link: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: "პაროლის აღდგენა — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!(
                "გამარჯობა!\n\nახალი პაროლის დასაყენებლად გახსენით ეს ბმული ერთი საათის განმავლობაში:\n\n{link}\n\n\
                 ბმული მხოლოდ ერთხელ მუშაობს. თუ პაროლის აღდგენა არ მოგითხოვიათ, ეს წერილი უგულებელყავით.\n"
            ),
        },
        Lang::En => Mail {
            subject: "Reset your password — Social Enterprises Alliance".into(),
            body: format!(
                "Hello,\n\nTo choose a new password, open this link within one hour:\n\n{link}\n\n\
                 The link works once. If you did not ask to reset your password, ignore this message.\n"
            ),
        },
    }
}

/// To the old address, once the account's e-mail has changed.
pub fn email_changed(lang: Lang, new_email: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: "ანგარიშის ელფოსტა შეიცვალა — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!(
                "გამარჯობა!\n\nთქვენი ანგარიშის ელფოსტა შეიცვალა. ახალი მისამართია: {new_email}\n\n\
                 ამ მისამართზე წერილები აღარ მოვა. თუ ეს თქვენ არ გაგიკეთებიათ, დაუყოვნებლივ დაუკავშირდით ალიანსის სამდივნოს.\n"
            ),
        },
        Lang::En => Mail {
            subject: "Your account's email has changed — Social Enterprises Alliance".into(),
            body: format!(
                "Hello,\n\nYour account's email has been changed. The new address is: {new_email}\n\n\
                 No more mail will come to this address. If you did not do this, contact the Alliance's secretariat at once.\n"
            ),
        },
    }
}

pub fn change_email(lang: Lang, link: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: "დაადასტურეთ ახალი ელფოსტა — სოციალურ საწარმოთა ალიანსი".into(),
            body: format!(
                "გამარჯობა!\n\nანგარიშის ელფოსტის შესაცვლელად გახსენით ეს ბმული 48 საათის განმავლობაში:\n\n{link}\n\n\
                 თუ ეს თქვენ არ მოგითხოვიათ, ეს წერილი უგულებელყავით.\n"
            ),
        },
        Lang::En => Mail {
            subject: "Confirm your new email — Social Enterprises Alliance".into(),
            body: format!(
                "Hello,\n\nTo change your account's email to this address, open this link within 48 hours:\n\n{link}\n\n\
                 If you did not ask for this, ignore this message.\n"
            ),
        },
    }
}

/// An invitation to the platform: by an administrator (with a role) or by
/// a representative (to represent their organisation too).
pub fn invitation(
    lang: Lang,
    inviter: &str,
    role: &str,
    organisation: Option<&str>,
    link: &str,
) -> Mail {
    match lang {
        Lang::Ka => {
            let of = organisation.map(|o| format!(" ({o})")).unwrap_or_default();
            Mail {
                subject: "მოწვევა სოციალურ საწარმოთა ალიანსის პლატფორმაზე".into(),
                body: format!(
                    "გამარჯობა!\n\n{inviter} გიწვევთ სოციალურ საწარმოთა ალიანსის პლატფორმაზე, როლით: {role}{of}.\n\n\
                     მოწვევის მისაღებად 7 დღის განმავლობაში გახსენით ეს ბმული და აირჩიეთ პაროლი:\n\n{link}\n\n\
                     ბმული მხოლოდ ერთხელ მუშაობს. თუ ამ მოწვევას არ ელოდით, წერილი უგულებელყავით.\n\nსოციალურ საწარმოთა ალიანსი\n"
                ),
            }
        }
        Lang::En => {
            let of = organisation.map(|o| format!(" of {o}")).unwrap_or_default();
            Mail {
                subject: "Your invitation to the Social Enterprises Alliance platform".into(),
                body: format!(
                    "Hello,\n\n{inviter} has invited you to the platform of the Social Enterprises Alliance as {role}{of}.\n\n\
                     To accept, open this link within 7 days and choose your password:\n\n{link}\n\n\
                     The link works once. If you did not expect this invitation, ignore this message.\n\nSocial Enterprises Alliance\n"
                ),
            }
        }
    }
}
